using System.Text.RegularExpressions;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Reading;

/// <summary>
/// The answer is what the question does not say: words of the question at either end of the span
/// (多伦多、温哥华和卡加利<u>均设有站台</u> for 在哪些地方设有站台, <u>出版散文集</u>《山中归路》…) are cut
/// off, with the particles and copulas that joined them (指, 在, 为, 均…), and a verb of the question right
/// after the answer even where nothing parts them (东方卫视获得 → 东方卫视); a body the question names short of
/// its printed ending, and the 与/和 that joins it to the answer (华南理工大学与… for 华南理工跟哪家企业), or that opens the
/// span where the question asks the other party (与万科 for 和谁合作 → 万科); a leading 因为/由于 introduces
/// a reason, and a leading 是 or 由 the answer, rather than being part of it. Not for questions that ask
/// what something is called, whose answer repeats their words (灵昭威显佑境安民真君 for 灵昭真君的全称);
/// and never down to nothing, into a figure, or past a bracket. Measured step by step on CMRC 2018 dev
/// (docs/benchmarks.md).
/// </summary>
public static partial class Echoes
{
    /// <summary>The span without the question's words at its ends.</summary>
    /// <param name="q">The analysed question.</param>
    /// <param name="folded">The passage text, folded (same offsets as printed).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    /// <param name="wordSpans">The analyzer's words of a text with their offsets (<see cref="Answering.QaEngine"/>'s).</param>
    public static (int Start, int Length) Trim(QuestionAnalysis q, string folded, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        if (length < 3 || SpanFeatures.AsksName(q.Normalized))
        {
            return (start, length);
        }

        // "Who": a name followed by the passive 所 and its verb (吴沃尧所著, 刘曜所杀) is the name.
        if (q.Kind == AnswerKind.Person && PassiveAgent().Match(folded, start, length) is { Success: true } passive && passive.Index > start + 1)
        {
            return (start, passive.Index - start);
        }

        (start, length) = AfterTheNounAsked(q, folded, start, length, wordSpans);
        (start, length) = AfterTheWordBeforeTheQuestionWord(q, folded, start, length, wordSpans);
        (start, length) = LeadOutOverlap(q, folded, start, length, wordSpans);
        (start, length) = ModifierOfTheNoun(q, folded, start, length);
        (start, length) = WithoutTheCount(q, folded, start, length);
        var span = folded.Substring(start, length);
        var tokens = wordSpans(span);
        if (tokens.Count == 0)
        {
            return (start, length);
        }

        // The question's words, less the noun it asks for (什么军 → 神策军) and any unit (多少对 → 14对):
        // those belong to the answer. Only a question word that takes a noun (什么, 哪个, 多少) has one
        // after it; after 谁 or 哪里 comes the verb (谁杀了…).
        var asked = new HashSet<string>(q.Keywords, StringComparer.Ordinal);
        var wh = q.WhStart >= 0 ? q.Normalized.Substring(q.WhStart, q.WhLength) : "";
        if (!TakesNoNoun().IsMatch(wh) && q.Keywords.FirstOrDefault(k => q.LeadOut.StartsWith(k, StringComparison.Ordinal)) is { } head)
        {
            asked.Remove(head);
        }

        bool Echo(int i) => asked.Contains(tokens[i].Word) && tokens[i].Word.All(TextSpans.IsHan) && !QuestionAnalyzer.IsUnit(tokens[i].Word)
            && (tokens[i].Start == 0 || TextSpans.IsHan(span[tokens[i].Start - 1]) || WholePhrase.IsClausePunctuation(span[tokens[i].Start - 1]) || IsBracket(span[tokens[i].Start - 1]));
        bool Joins(int i) => EdgeWords.Contains(tokens[i].Word);

        // 与/和/跟/同 after the question's own words: the answer is the other party (华南理工大学与|建龙北满特殊钢…
        // for 华南理工跟哪家企业合作).
        // Only after a name (a body's ending, or a proper noun): 汽油与空气的雾状混合物 is one answer.
        bool Partner(int i) => tokens[i].Word is "与" or "和" or "跟" or "同" && i > 0 && (NameEnd(i - 1) || (Echo(i - 1) && Synonyms.Shared.IsName(tokens[i - 1].Word)));
        bool VerbEcho(int i) => Echo(i) && tokens[i].Word.Length >= 2 && Synonyms.Shared.IsVerb(tokens[i].Word);
        bool VerbEchoes(int from) => Enumerable.Range(from, tokens.Count - from).All(i => Joins(i) || VerbEcho(i)) && Enumerable.Range(from, tokens.Count - from).Any(VerbEcho);

        // An echo is cut only where a particle, a copula or punctuation parts it from the answer:
        // 出版散文集《…, 转化为甘油, 多伦多、温哥华和卡加利均设有站台; but 五羊邨 stays whole although the
        // question says 五羊新城. A particle alone is cut only where it never belongs to an answer (指…,
        // 即…, 位于…, 有 before a figure; a trailing 的).
        // The question may name a body by less than its printed name (华南理工 for 华南理工大学): the body's
        // ending printed right after the echoed words (大学, 公司, 集团…) is the echo's too.
        bool NameEnd(int i) => i > 0 && Echo(i - 1) && tokens[i - 1].End == tokens[i].Start && AnswerExtractor.OrganizationSuffix().IsMatch(tokens[i].Word) && tokens[i].Word.Length >= 2;
        // 和谁 / 跟哪家 ask the other party: the 与/和 the passage prints before it is the question's own
        // preposition (与万科 for 和谁合作共建人才社区 → 万科).
        bool partnerAsked = q.LeadIn.TrimEnd().Length > 0 && "和与跟同".Contains(q.LeadIn.TrimEnd()[^1]);
        bool Leads(int i) => LeadingParticles.Contains(tokens[i].Word) || (partnerAsked && i == 0 && tokens[i].Word is "与" or "和" or "跟" or "同");
        int first = 0;
        bool echoed = false;
        while (first < tokens.Count - 1 && (Echo(first) || Joins(first) || Leads(first) || NameEnd(first) || (echoed && Partner(first))) && !HasBracket(span, 0, tokens[first].End))
        {
            echoed |= Echo(first);
            first++;
        }

        bool leftParted = first > 0 && (Joins(first - 1) || Partner(first - 1) || tokens[first - 1].End < tokens[first].Start);
        bool leftAlone = first > 0 && !echoed && Enumerable.Range(0, first).All(i => Leads(i) || (tokens[i].Word == "有" && char.IsDigit(span[tokens[first].Start])));
        if (!(echoed ? leftParted : leftAlone))
        {
            first = 0;
        }

        int last = tokens.Count - 1;
        echoed = false;
        while (last > first && (Echo(last) || Joins(last)) && !HasBracket(span, tokens[last].Start, span.Length))
        {
            echoed |= Echo(last);
            last--;
        }

        // A verb of the question's right after the answer is the question's predicate, parted or not
        // (CCTV-5|获得 for 哪个频道获得了转播权, 巴尔的摩子弹队|选中 for 被哪个队伍选中): answers end in nouns.
        bool rightParted = last < tokens.Count - 1 && (Joins(last + 1) || tokens[last].End < tokens[last + 1].Start || VerbEchoes(last + 1));
        bool rightAlone = last < tokens.Count - 1 && !echoed && Enumerable.Range(last + 1, tokens.Count - last - 1).All(i => tokens[i].Word == "的" || (tokens[i].Word == "所" && !IsNumeral(span[tokens[i].Start - 1])));
        if (!(echoed ? rightParted : rightAlone))
        {
            last = tokens.Count - 1;
        }

        if (first == 0 && last == tokens.Count - 1)
        {
            return (start, length);
        }

        // Keep what lies between the cut words and the kept ones (an opening 《, a closing 》) but not clause punctuation.
        int s = first == 0 ? 0 : tokens[first - 1].End, e = last == tokens.Count - 1 ? span.Length : tokens[last + 1].Start;
        while (s < e && (WholePhrase.IsClausePunctuation(span[s]) || span[s] == '的'))
        {
            s++;
        }

        while (e > s && (WholePhrase.IsClausePunctuation(span[e - 1]) || span[e - 1] == '的'))
        {
            e--;
        }

        return e - s >= 2 ? (start + s, e - s) : (start, length);
    }

    /// <summary>
    /// A one-character noun the question asks for right before its question word, after 的 (王处直的字是什么,
    /// 他的号是什么), names what the passage prints after it: where the span opens with that noun as a word of its
    /// own (字允明), the answer is what follows (允明). The 的 tells the noun from the end of a name or a preposition
    /// (南齐在谁在位时, 三氯化氮对哪些物质: measured, those cut 齐武帝萧赜 and 对光、热…). Nouns of two characters or more
    /// are kept: they are read as the kind asked (哪个机组 → 抽水蓄能机组).
    /// </summary>
    private static (int Start, int Length) AfterTheNounAsked(QuestionAnalysis q, string folded, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        var lead = q.LeadIn;
        if (q.WhStart < 0 || lead.Length < 3 || lead[^2] != '的' || length < 3 || !TextSpans.IsHan(folded[start + 1])
            || OpensWithTheQuestionsWord(lead, folded, start, length, wordSpans) is not { } words)
        {
            return (start, length);
        }

        // 卵为黄色: a copula after the noun is the echo trim's to cut, with the noun (→ 黄色).
        return EdgeWords.Contains(words[1].Word) ? (start, length) : (start + 1, length - 1);
    }

    /// <summary>
    /// The one-character word the question prints right before its question word (类型有哪些, 都有什么, 被译为什么,
    /// 以什么为食) is the question's: where the span opens with it as a word of its own (有十五数字推盘游戏…, 为思惟修或静虑,
    /// 以小型鱼类…), the answer is what follows.
    /// </summary>
    private static (int Start, int Length) AfterTheWordBeforeTheQuestionWord(QuestionAnalysis q, string folded, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        if (q.WhStart < 0 || OpensWithTheQuestionsWord(q.Left.TrimEnd(), folded, start, length, wordSpans) is null)
        {
            return (start, length);
        }

        // 有：筒状旋转槽 → 筒状旋转槽: nor the colon that introduced it.
        int cut = 1;
        while (cut < length && WholePhrase.IsClausePunctuation(folded[start + cut]))
        {
            cut++;
        }

        return length - cut >= 2 ? (start + cut, length - cut) : (start, length);
    }

    /// <summary>
    /// The span's words when it opens with the one-character word that <paramref name="said"/>, the question's text
    /// before what it asks, ends with (a word of its own on both sides, as SmartCn cuts them); otherwise null.
    /// </summary>
    private static IReadOnlyList<(int Start, int End, string Word)>? OpensWithTheQuestionsWord(string said, string folded, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        if (said.Length < 2 || !TextSpans.IsHan(said[^1]) || folded[start] != said[^1] || length < 3
            || wordSpans(said) is not { Count: > 0 } question || question[^1].Word.Length != 1)
        {
            return null;
        }

        var words = wordSpans(folded.Substring(start, length));
        return words.Count > 1 && words[0].Word.Length == 1 ? words : null;
    }

    /// <summary>
    /// The span's last characters and the passage after it spell the start of what the question says after
    /// its question word (两省通过什么[搭建平台]: 产业园|搭 + 建平台): the span ran into the question's own frame where
    /// SmartCn cut the passage and the question differently (搭|建), so those characters are the question's.
    /// Not where the question word takes a noun that follows it (哪个[机组]首台…: 阳江机组 keeps 机组).
    /// </summary>
    private static (int Start, int Length) LeadOutOverlap(QuestionAnalysis q, string folded, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        var after = q.LeadOut.TrimStart();
        if (after.Length < 2 || SpanFeatures.TypeNounOf(q, q.Keywords).Length > 0)
        {
            return (start, length);
        }

        int end = start + length;
        for (int k = Math.Min(length - 2, after.Length - 1); k >= 1; k--)
        {
            // Only where the passage's own words part there (产业园|搭, not 天主|教 of 天主教|会 for 哪一个教会组织的).
            if (string.CompareOrdinal(folded, end - k, after, 0, k) == 0 && end < folded.Length && folded[end] == after[k]
                && TextSpans.IsHan(after[0]) && TextSpans.IsHan(after[k])
                && wordSpans(folded.Substring(start, length)).Any(t => t.End == length - k))
            {
                return (start, length - k);
            }
        }

        return (start, length);
    }

    /// <summary>
    /// "What kind of noun" (生产什么的企业) asks for the modifier before 的: where the span runs past a 的 after
    /// which the passage reaches the question's noun (生产[大中型发电设备]的重点骨干企业), the answer ends at that 的.
    /// Only for 什么 (啥) and 谁 (谁的短篇小说); also where the span runs on to the noun itself (…的重点骨干企业).
    /// </summary>
    private static (int Start, int Length) ModifierOfTheNoun(QuestionAnalysis q, string folded, int start, int length)
    {
        var after = q.WhStart < 0 ? "" : q.Normalized[(q.WhStart + q.WhLength)..].TrimStart();
        if (!after.StartsWith('的') || q.Normalized.Substring(q.WhStart, q.WhLength) is not ("什么" or "谁")
            || q.Keywords.FirstOrDefault(k => after.AsSpan(1).StartsWith(k, StringComparison.Ordinal)) is not { } noun)
        {
            // 哪个县的境内 and 怎样的世界 ask otherwise.
            return (start, length);
        }

        for (int i = start + 2; i < start + length; i++)
        {
            if (folded[i] != '的')
            {
                continue;
            }

            // The noun within a few characters after the 的, in the same clause (的重点骨干企业).
            int reach = Math.Min(folded.Length, i + 1 + MaxNounModifier + noun.Length);
            int at = folded.IndexOf(noun, i + 1, reach - i - 1, StringComparison.Ordinal);
            if (at > 0 && folded.AsSpan(i + 1, at - i - 1).IndexOfAny(",，。;；、:：") < 0)
            {
                return (start, i - start);
            }
        }

        return (start, length);
    }

    /// <summary>
    /// "Which two" is answered with the two, not with the count the question gave (哪两个合作区: 横琴、前海两个 →
    /// 横琴、前海): a list that ends with a numeral and the classifier the question counts in is cut before them.
    /// </summary>
    private static (int Start, int Length) WithoutTheCount(QuestionAnalysis q, string folded, int start, int length)
    {
        if (q.Kind != AnswerKind.List || q.WhStart < 0 || CountedWh().Match(q.Normalized, q.WhStart, q.WhLength) is not { Success: true } wh)
        {
            return (start, length);
        }

        var counted = CountAtEnd().Match(folded, start, length);
        if (!counted.Success || counted.Groups[2].Value != wh.Groups[2].Value || counted.Index - start < 2)
        {
            return (start, length);
        }

        int end = counted.Index;
        while (end > start && (folded[end - 1] is '、' or '等' or ',' or '，' || char.IsWhiteSpace(folded[end - 1])))
        {
            end--;
        }

        return end - start >= 2 ? (start, end - start) : (start, length);
    }

    [GeneratedRegex("哪([一二两三四五六七八九十几]+)(个|家|项|种|位|所|座|块|类|条|件|大)")]
    private static partial Regex CountedWh();

    [GeneratedRegex("([一二两三四五六七八九十]+|\\d+)(个|家|项|种|位|所|座|块|类|条|件|大)$")]
    private static partial Regex CountAtEnd();

    /// <summary>How many characters may stand between the 的 and the noun it qualifies (重点骨干).</summary>
    private const int MaxNounModifier = 6;

    // 所 after a name is the passive marker of the question's verb (…（JR东日本）所[经营]); after a figure it counts schools (2所).
    internal static bool IsNumeral(char c) => char.IsDigit(c) || "一二两三四五六七八九十百千万几".Contains(c);

    private static bool IsBracket(char c) => AnswerExtractor.BracketPairs.Any(p => p.Open == c || p.Close == c);

    private static bool HasBracket(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (IsBracket(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"所\p{IsCJKUnifiedIdeographs}{1,2}$")]
    private static partial Regex PassiveAgent();

    [GeneratedRegex("谁|哪里|哪儿|何处|何地|何时|什么时候|为什么|为何|怎么|怎样|如何|在哪")]
    private static partial Regex TakesNoNoun();

    /// <summary>Words that, opening a span, introduce the answer rather than belong to it.</summary>
    private static readonly HashSet<string> LeadingParticles = new(StringComparer.Ordinal) { "指", "是指", "是", "由", "即", "就是", "乃是", "位于", "又称", "又名", "俗称", "因为", "由于", "自从", "直到", "随着", "这些", "那些" };

    /// <summary>Particles, copulas and adverbs that join an answer to the question's words around it.</summary>
    private static readonly HashSet<string> EdgeWords = new(StringComparer.Ordinal)
    {
        "是", "指", "是指", "即", "乃", "为", "在", "于", "以", "由", "有", "的", "了", "着", "均", "都", "也", "将", "被", "把", "对", "并", "则", "就", "又", "还", "仍", "已", "已经", "称", "所",
    };
}
