using System.Text.RegularExpressions;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Makes the reader's span a whole phrase as printed: a figure with its unit (58 → 58%, 2546 → 2546名),
/// a date as fine as the question asks (2017年 → 2017年12月17日 for 哪天), a title or quotation with both
/// its brackets. The span only grows to what is printed around it, never into another clause.
/// </summary>
public static partial class WholePhrase
{
    /// <summary>The span, made whole.</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded, same offsets as printed).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    public static (int Start, int Length) Of(QuestionAnalysis question, string text, int start, int length)
    {
        int end = start + length;

        // The particle 的 is not part of an answer (的1241.99亿元 → 1241.99亿元), unless it begins a word (的确, 的士).
        if (end - start > 1 && text[start] == '的' && "确士话".IndexOf(text[start + 1]) < 0)
        {
            start++;
        }

        // A figure cut before its unit or magnitude: the printed figure is the answer.
        foreach (var pattern in new[] { AnswerExtractor.ArabicNumber(), AnswerExtractor.ChineseNumber() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                int mEnd = m.Index + AnswerExtractor.TrimNumber(m.Value).Length;
                if (m.Index >= start && m.Index < end && mEnd > end && mEnd - start <= 40)
                {
                    end = mEnd;
                }
            }
        }

        // A range cut before its last unit (11日至12 of 11日至12日): the unit printed after the span's first figure
        // follows its last one too, and is taken in.
        if (end < text.Length && end - start >= 3 && char.IsAsciiDigit(text[end - 1]) && FirstUnit().Match(text, start, end - start) is { Success: true } unit
            && unit.Groups[1].Value[0] == text[end])
        {
            end++;
        }

        // A figure that is one end of a printed range (100至400公尺, 2～4颗): the range is the answer.
        if (question.Kind == AnswerKind.Quantity)
        {
            (start, end) = WithRange(text, start, end);
        }

        // A date coarser than the question asks (哪天 answered with a year): the whole printed date.
        int asked = AskedGranularity(question);
        if (asked > 0)
        {
            foreach (Match m in AnswerExtractor.DateExpression().Matches(text))
            {
                if (m.Index <= start && m.Index + m.Length >= end && m.Length > end - start && Granularity(text[start..end]) < asked)
                {
                    (start, end) = (m.Index, m.Index + m.Length);
                }
            }
        }

        if (question.Kind == AnswerKind.Date)
        {
            (start, end) = WithEra(text, start, end);

            // A day in Chinese numerals cut before its 日 (宣统三年九月十九 → …十九日); a decade asked (哪一年代) with its 代.
            if (end < text.Length && text[end] is '日' or '号' && "一二三四五六七八九十廿卅".Contains(text[end - 1]) && text.AsSpan(start, end - start).Contains('月'))
            {
                end++;
            }
            else if (end < text.Length && text[end] == '代' && text[end - 1] == '年' && question.Normalized.Contains("年代", StringComparison.Ordinal))
            {
                end++;
            }
        }

        (start, end) = AnswerExtractor.BalanceBrackets(text, start, end);
        (start, end) = WithTitle(text, start, end);
        (start, end) = DropDangling(text, start, end);
        return (start, end - start);
    }

    /// <summary>Closing quotation marks and brackets: a span ending on one is whole in its marks.</summary>
    private const string ClosingMarks = "”」』》）)\"'";

    /// <summary>Characters a noun phrase does not run on through: particles, prepositions, conjunctions, locatives.</summary>
    private const string PhraseEnders = "的地得了着过在是为被把将和与及或并而以从向到于由给对所之" + Locatives;

    /// <summary>Locatives, which end a phrase rather than extend a name or modifier (同盟国中, 原理之上).</summary>
    internal const string Locatives = "中上下时后前里内外";

    /// <summary>
    /// An answer to 哪个 + noun is a phrase of that noun: a span that stops inside the noun as the passage
    /// prints it (系统国家 where it goes on 重点实验室, for 哪个国家重点实验室) runs on to its end. Only for a noun
    /// of three characters or more, and a cut-off part of two or more. A span that stops right before the noun
    /// takes in the whole noun, or else its first word, where the passage's phrase ends there (什么战争 →
    /// 伯罗奔尼撒战争, 哪条经济走廊 → 中蒙俄经济走廊).
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text, folded.</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    public static (int Start, int Length) ThroughTypeNoun(QuestionAnalysis question, string text, int start, int length)
    {
        if (question.Kind is AnswerKind.Quantity or AnswerKind.Date or AnswerKind.Description || length == 0)
        {
            return (start, length);
        }

        var noun = SpanFeatures.TypeNounOf(question, question.Keywords, text);
        int end = start + length;
        for (int k = noun.Length - 1; k >= 2; k--)
        {
            if (length > k && string.CompareOrdinal(text, end - k, noun, 0, k) == 0
                && string.CompareOrdinal(text, end, noun, k, noun.Length - k) == 0)
            {
                return (start, length + noun.Length - k);
            }
        }

        // A span that stops right before the noun asked for (伯罗奔尼撒 for 什么战争 where the passage goes on
        // 战争之后, 惠金斯 for 什么原理) takes in the noun's first word, where the phrase ends with it: at
        // punctuation, a particle or a preposition, not inside a longer phrase. Not for a person (谁之后, 以谁为首
        // frame the name), a quotation or title whole in its marks (“SFWA大师”称号), or a list closed by 等.
        if (noun.Length > 0 && question.Kind != AnswerKind.Person && !text.AsSpan(start, length).Contains('等') && ClosingMarks.IndexOf(text[end - 1]) < 0)
        {
            // The whole noun where the passage prints all of it (中蒙俄 for 哪条经济走廊: 中蒙俄经济走廊和…), else its first word.
            var first = question.Keywords.Where(w => noun.StartsWith(w, StringComparison.Ordinal)).MaxBy(w => w.Length);
            // The whole noun only where it is one: no particle or locative (原理之上) and no verb (来表示马岛猬) in it;
            // and not for a list (哪些), whose span is often a list's head or a vague 许多 that the noun would not make an answer.
            bool wholeNoun = noun.All(c => PhraseEnders.IndexOf(c) < 0) && question.Kind != AnswerKind.List
                && !question.Keywords.Any(w => noun.Contains(w, StringComparison.Ordinal) && Text.Synonyms.Shared.IsVerb(w));
            foreach (var taken in first is null ? [] : wholeNoun ? new[] { noun, first } : [first])
            {
                int after = end + taken.Length;
                if (string.CompareOrdinal(text, end, taken, 0, taken.Length) == 0
                    && (after >= text.Length || !TextSpans.IsHan(text[after]) || PhraseEnders.IndexOf(text[after]) >= 0))
                {
                    return (start, length + taken.Length);
                }
            }
        }

        return (start, length);
    }

    /// <summary>
    /// A name is answered whole: a span that ends like an organisation (…有限公司, …研究所) or with the
    /// noun the question asks for (哪个项目 → …项目) but starts inside the name (有限公司, 技术产业园项目)
    /// takes in the words printed before it, back to a particle, a preposition, a figure or punctuation
    /// (…39.4亿元的[深哈投资开发有限公司], [正威哈尔滨新一代材料技术产业园项目]), a pronoun, a numeral with its
    /// measure word (一名), another of the noun asked for (抽水蓄能机组[阳江机组]), a place or body the question
    /// names, which is where the thing is, not its name (深哈产业园[科创总部项目]; a span that opens on that place's
    /// last word, 园科创总部项目, starts after it), a year (1949年…) or a verb
    /// (报考[北京电影学院]), unless the question asks for the full name (全称), which may hold verbs (投资开发).
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    /// <param name="wordSpans">Segments a text into its words with their offsets (SmartCn); called only when a name is to be taken back.</param>
    public static (int Start, int Length) WithName(QuestionAnalysis question, string text, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        if (question.Kind is AnswerKind.Quantity or AnswerKind.Date or AnswerKind.List or AnswerKind.Description || length == 0)
        {
            return (start, length);
        }

        var value = text.Substring(start, length);
        bool organisation = NameEnding().IsMatch(value);
        var noun = SpanFeatures.TypeNounOf(question, question.Keywords, text);
        if (!organisation && !(noun.Length >= 2 && value.EndsWith(noun, StringComparison.Ordinal)))
        {
            return (start, length);
        }

        // A question for the full name (全称, 叫什么) takes in the verbs an official name holds (深哈投资开发有限公司).
        bool fullName = SpanFeatures.AsksName(question.Normalized);
        var words = wordSpans(text);

        // A span that opens on the last word of the place or body the question names (园 of 深哈产业园, in
        // 园科创总部项目) starts inside where the thing is, not its name: the name starts after that word.
        // Only where the passage prints the question's words before it too (深哈产业|园), so the span starts inside
        // that name; a span that starts with a whole name the question gives (香港国际货柜码头有限公司) keeps it.
        if (words.FirstOrDefault(w => w.Start == start) is { Word: not null } first && first.End < start + length && NamedPlaceEnd(question, first.Word)
            && question.Normalized.IndexOf(first.Word, StringComparison.Ordinal) is var at && at > 0 && start > 0 && text[start - 1] == question.Normalized[at - 1])
        {
            return (first.End, start + length - first.End);
        }

        int i = words.Count - 1;
        while (i >= 0 && words[i].End > start)
        {
            i--;
        }

        int from = start;
        for (; i >= 0; i--)
        {
            var (ws, we, word) = words[i];
            if (we == from && word is "与" && i > 0 && JoinsModifiers(words[i - 1], ws, noun) && start + length - words[i - 1].Start <= MaxName)
            {
                // 机器人技术与系统国家重点实验室: 与 joins two modifiers of one name, taken in with the one before it;
                // not two names (华南理工大学与…公司).
                from = words[--i].Start;
                continue;
            }

            if (we != from || start + length - ws > MaxName || !word.All(TextSpans.IsHan) || NameStops.Contains(word)
                || (!fullName && Text.Synonyms.Shared.IsVerb(word) && !AfterAConjunction(words, i))
                || (word.Length > 1 && "一二三四五六七八九十两几数每".Contains(word[0]) && QuestionAnalyzer.IsUnit(word[1..]))
                || (word.Length > 1 && word[^1] == '于') || (noun.Length > 0 && word.EndsWith(noun, StringComparison.Ordinal))
                || NamedPlaceEnd(question, word))
            {
                break;
            }

            from = ws;
        }

        return (from, start + length - from);
    }

    /// <summary>
    /// Whether the word at <paramref name="i"/> follows 与, 和, 及, 同 or 跟 right after it: what a conjunction joins
    /// is a noun phrase, so a word there that is usually a verb is the first of a name (与[建]龙北满特殊钢有限责任公司).
    /// </summary>
    private static bool AfterAConjunction(IReadOnlyList<(int Start, int End, string Word)> words, int i) =>
        i > 0 && words[i - 1].End == words[i].Start && words[i - 1].Word is "与" or "和" or "及" or "同" or "跟";

    /// <summary>A word of the question that ends a place or a body it names (园 of 深哈产业园…的是哪个项目).</summary>
    private static bool NamedPlaceEnd(QuestionAnalysis question, string word) =>
        question.Keywords.Contains(word) && EndsANameIn(question.Normalized, word) && (AnswerExtractor.PlaceSuffix().IsMatch(word) || AnswerExtractor.OrganizationSuffix().IsMatch(word));

    /// <summary>
    /// A person's name is not cut short of its last character: where the span's last two characters are printed
    /// two or more times in the passage, each time followed by the same Han character, and that character stands
    /// right after the span, the name runs through it (雷蒙·钱德 → 雷蒙·钱德勒, the passage printing 钱德勒 twice and
    /// 钱德 never alone). SmartCn cuts names it does not know anywhere (钱德|勒), leaving the last character a word
    /// alone; where it is the first of a word (牧 of 牧师, 担 of 担任) the name ends before it. Not through a character
    /// that is a word of its own after a name (的, 在, 说, 当, 任: <see cref="NotNamePart"/>); CC-CEDICT's verbs are no
    /// guide, as it glosses name characters (勒, 德) as verbs too.
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    /// <param name="wordSpans">Segments a text into its words with their offsets (SmartCn).</param>
    public static (int Start, int Length) ThroughNameEnd(QuestionAnalysis question, string text, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        int end = start + length;
        if (question.Kind != AnswerKind.Person || length < 2 || end >= text.Length || !TextSpans.IsHan(text[end])
            || !TextSpans.IsHan(text[end - 1]) || !TextSpans.IsHan(text[end - 2]) || NotNamePart.Contains(text[end]))
        {
            return (start, length);
        }

        var tail = text.Substring(end - 2, 2);
        int printed = 0;
        for (int at = text.IndexOf(tail, StringComparison.Ordinal); at >= 0; at = text.IndexOf(tail, at + 1, StringComparison.Ordinal))
        {
            if (at + 2 >= text.Length || text[at + 2] != text[end])
            {
                return (start, length);
            }

            // A word SmartCn reads alone each time (勒), not the first of one (牧 of 牧师, 管 of 管辖, 担 of 担任): the
            // printing and the few characters after it are segmented on their own.
            var window = text.Substring(at, Math.Min(NameWindow, text.Length - at));
            if (!wordSpans(window).Any(w => w.Start == 2 && w.End == 3))
            {
                return (start, length);
            }

            printed++;
        }

        return printed >= 2 ? (start, length + 1) : (start, length);
    }

    /// <summary>
    /// A transliterated name is not cut short after its last dot (苏珊·茨 of 苏珊·茨万吉拉伊): where the span ends one or more
    /// characters after a name dot, and the passage or the question prints that part again after a dot (摩根·理查德·
    /// 茨万吉拉伊, the husband the question names), the name runs on through what both printings share after it, up to
    /// where they part (茨万吉拉伊|不幸 against 茨万吉拉伊|的妻子). A particle both happen to print next (的, 是) is not
    /// taken. The span ranker cuts such names where training answers of the kind asked seldom hold the question's
    /// words; SmartCn reads unknown transliterations one character a word, so word boundaries do not say where they end.
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    public static (int Start, int Length) ThroughDottedName(QuestionAnalysis question, string text, int start, int length)
    {
        int end = start + length;
        if (question.Kind != AnswerKind.Person || length < 3 || end >= text.Length || !TextSpans.IsHan(text[end]))
        {
            return (start, length);
        }

        int dot = end - 1;
        while (dot > start && TextSpans.IsHan(text[dot]))
        {
            dot--;
        }

        if (dot <= start || !TextSpans.IsNameDot(text[dot]) || dot == end - 1)
        {
            return (start, length);
        }

        var part = text.Substring(dot + 1, end - dot - 1);
        int best = 0;
        void Compare(string other, int from)
        {
            int n = 0;
            while (end + n < text.Length && from + n < other.Length && TextSpans.IsHan(text[end + n]) && other[from + n] == text[end + n])
            {
                n++;
            }

            best = Math.Max(best, n);
        }

        foreach (var other in new[] { text, question.Normalized })
        {
            for (int at = other.IndexOf(part, StringComparison.Ordinal); at >= 0; at = other.IndexOf(part, at + 1, StringComparison.Ordinal))
            {
                if (at > 0 && TextSpans.IsNameDot(other[at - 1]) && !(ReferenceEquals(other, text) && at == dot + 1))
                {
                    Compare(other, at + part.Length);
                }
            }
        }

        // Where both printings run on into the same particle (…伊的, …伊的), it is the clause's, not the name's. 之 is
        // kept: after two printings that agree through it, it ends a name (司马休之) more often than it opens a clause.
        while (best > 0 && NotNamePart.Contains(text[end + best - 1]) && text[end + best - 1] != '之')
        {
            best--;
        }

        return (start, length + best);
    }

    /// <summary>How many characters from a printing of a name's last two are segmented to see whether the next stands alone.</summary>
    private const int NameWindow = 8;

    /// <summary>Characters that, after a name, are words of the clause: particles, copulas, prepositions, conjunctions.</summary>
    private const string NotNamePart = "的了着过是在和与及或跟同被把将对为于以由从向到说道曰写著等们之而也都又还就曾已所当任称即亦且便才再并则";

    /// <summary>
    /// A name (who, where, which body) does not end on a verb of the clause it stands in (吉隆坡奠基 → 吉隆坡,
    /// 普雷达皮奥下葬 → 普雷达皮奥, 邓成明教授 → 邓成明): the span's last word is cut where CC-CEDICT glosses it
    /// mostly as a verb and the rest is still two characters or more. A passive 所 right before that verb goes
    /// with it (南方铁道所经营 → 南方铁道), as 所 after a name marks the verb's agent; after a figure it counts (2所).
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    /// <param name="wordSpans">Segments a text into its words with their offsets (SmartCn).</param>
    public static (int Start, int Length) WithoutTrailingVerb(QuestionAnalysis question, string text, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        if (question.Kind is not (AnswerKind.Person or AnswerKind.Place or AnswerKind.Organization) || length < 4)
        {
            return (start, length);
        }

        int end = start + length;
        var last = wordSpans(text).LastOrDefault(w => w.End == end && w.Start > start);
        if (last.Word is { Length: 2 } word && word.All(TextSpans.IsHan) && Text.Synonyms.Shared.IsVerb(word) && last.Start - start >= 2)
        {
            int cut = last.Start;
            if (text[cut - 1] == '所' && cut - 1 - start >= 2 && !Echoes.IsNumeral(text[cut - 2]))
            {
                cut--;
            }

            return (start, cut - start);
        }

        return (start, length);
    }

    /// <summary>
    /// The full name of a name the question gives short (双鸭山孵化基地 全称, 深哈产业园的全称是什么): where the passage
    /// prints the given name as the end of a longer one (广东黑龙江科技合作双鸭山孵化基地), that longer name, taken
    /// back to where it starts as any name is (<see cref="WithName"/>). The span ranker, trained on questions
    /// that never repeat their answer's words, puts such a span last. Null when the question asks no full
    /// name (全称, 全名), or the passage prints nothing longer.
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="wordSpans">Segments a text into its words with their offsets (SmartCn).</param>
    public static (int Start, int Length)? FullNameOfGiven(QuestionAnalysis question, string text, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        var q = question.Normalized;
        var cue = SpanFeatures.FullNameCue().Match(q);
        if (!cue.Success || cue.Value == "名称")
        {
            return null;
        }

        int end = cue.Index;
        while (end > 0 && q[end - 1] is '的' or ' ' or '，' or ',')
        {
            end--;
        }

        int begin = end;
        while (begin > 0 && TextSpans.IsHan(q[begin - 1]))
        {
            begin--;
        }

        if (end - begin < 2)
        {
            return null;
        }

        var given = q[begin..end];
        int at = text.IndexOf(given, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var (start, length) = WithName(question, text, at, given.Length, wordSpans);
        return length > given.Length && start + length == at + given.Length ? (start, length) : null;
    }

    /// <summary>
    /// A span that is all of a bracket printed inside a name (深圳(哈尔滨)产业园: a word before the bracket
    /// and a word after it, no space or particle between) is part of that name, not an aside: it is
    /// answered with the name, the words before it taken in as <see cref="WithName"/> takes them and the
    /// words after it up to the one that ends like a place or a body (产业园), else one word.
    /// A bracket that follows a name and ends it (东日本旅客铁道（JR东日本）的) is an aside and stays as it is. A span
    /// that stops at the bracket's close (深圳(哈尔滨)) is made the same name.
    /// </summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    /// <param name="wordSpans">Segments a text into its words with their offsets (SmartCn).</param>
    public static (int Start, int Length) OutOfInfixBracket(QuestionAnalysis question, string text, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans)
    {
        int end = start + length;

        // A span that runs through the bracket and stops at its close (深圳(哈尔滨) of 深圳(哈尔滨)产业园): the same
        // name, read from the bracket inside it.
        if (question.Kind is not (AnswerKind.Quantity or AnswerKind.Date) && length > 3 && end < text.Length && text[end - 1] == ')'
            && TextSpans.IsHan(text[end]) && text.LastIndexOf('(', end - 2, length - 1) is var open && open > start && TextSpans.IsHan(text[open - 1])
            && text.AsSpan(open + 1, end - open - 2).IndexOfAny('(', ')') < 0)
        {
            var (s, l) = OutOfInfixBracket(question, text, open + 1, end - open - 2, wordSpans);
            return s == open + 1 ? (start, length) : (Math.Min(s, start), s + l - Math.Min(s, start));
        }

        if (question.Kind is AnswerKind.Quantity or AnswerKind.Date || length == 0 || start < 2 || end + 1 >= text.Length
            || text[start - 1] != '(' || text[end] != ')' // folded text: （） reads as ()
            || !TextSpans.IsHan(text[start - 2]) || !TextSpans.IsHan(text[end + 1]))
        {
            return (start, length);
        }

        bool Part(string word) => word.All(TextSpans.IsHan) && !NameStops.Contains(word) && !Text.Synonyms.Shared.IsVerb(word);
        var words = wordSpans(text);
        int from = start - 1, to = end + 1;
        for (int i = words.Count - 1; i >= 0; i--)
        {
            var (ws, we, word) = words[i];
            if (we > from)
            {
                continue;
            }

            if (we != from || to - ws > MaxName || !Part(word))
            {
                break;
            }

            from = ws;
        }

        // After the bracket, the name's head (产业园, 科技|园), not the clause that may follow it (软件园|工作多年):
        // up to three words, to the first that ends like a place or a body; one word when none does.
        var after = words.Where(w => w.Start >= to).Take(3).ToList();
        int taken = 0, cursor = to, headEnd = -1;
        foreach (var (ws, we, word) in after)
        {
            if (ws != cursor || we - from > MaxName || !Part(word))
            {
                break;
            }

            taken++;
            cursor = we;
            if (NameEnding().IsMatch(word) || AnswerExtractor.PlaceSuffix().IsMatch(word))
            {
                headEnd = we;
                break;
            }
        }

        to = headEnd > 0 ? headEnd : taken > 0 ? after[0].End : to;

        // Both sides must hold a word of the name; otherwise the bracket is not inside one.
        return from < start - 1 && to > end + 1 ? (from, to - from) : (start, length);
    }

    /// <summary>
    /// Whether the word before a 与 (<paramref name="left"/>, ending at <paramref name="at"/>) is a modifier that 与 joins
    /// to the next inside one name (技术 in 机器人技术与系统国家重点实验室), not the end of a name of its own (大学, 公司,
    /// 市) nor a word a name does not run across; nor the noun asked for, which 与 joins to another of its kind (跨站式车站与高架车站).
    /// </summary>
    private static bool JoinsModifiers((int Start, int End, string Word) left, int at, string noun) =>
        left.End == at && left.Word.Length > 1 && (noun.Length == 0 || !(left.Word.EndsWith(noun, StringComparison.Ordinal) || noun.EndsWith(left.Word, StringComparison.Ordinal))) && left.Word.All(TextSpans.IsHan) && !NameStops.Contains(left.Word)
        && !Text.Synonyms.Shared.IsVerb(left.Word) && !Text.Synonyms.Shared.IsProperNoun(left.Word)
        && !NameEnding().IsMatch(left.Word) && !AnswerExtractor.OrganizationSuffix().IsMatch(left.Word) && !AnswerExtractor.PlaceSuffix().IsMatch(left.Word);

    /// <summary>
    /// Whether the question prints <paramref name="word"/> where a name ends with it: a word of two or more
    /// characters, or one character the question does not run on from (深哈产业园 ends on 园 before 9月1日; the 湖 of
    /// 星湖科技 does not end a place, so …[肇东星湖]生物科技股份有限公司 is taken in whole).
    /// </summary>
    private static bool EndsANameIn(string question, string word)
    {
        if (word.Length > 1)
        {
            return true;
        }

        for (int at = question.IndexOf(word, StringComparison.Ordinal); at >= 0; at = question.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            int next = at + word.Length;
            if (next >= question.Length || !TextSpans.IsHan(question[next]) || PhraseEnders.IndexOf(question[next]) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The longest name taken in whole (characters).</summary>
    private const int MaxName = 24;

    /// <summary>Words a name does not run across: particles, prepositions, conjunctions, pointing words.</summary>
    private static readonly HashSet<string> NameStops =
    [
        "的", "了", "着", "过", "之", "在", "与", "和", "及", "以及", "或", "由", "为", "是", "将", "并", "等", "对", "向", "从", "被", "把", "同", "跟", "给",
        "以", "于", "其", "这", "那", "该", "此", "各", "每", "也", "都", "还", "又", "就", "所", "而", "即", "共同", "通过", "成立", "组建", "建立", "设立",
        "成为", "作为", "包括", "位于", "称为", "名为", "叫做", "担任", "加入", "前往", "来到", "参观", "考察", "签订", "签署", "启动", "举行",
        "他", "她", "它", "他们", "她们", "我", "你", "我们", "当地", "本地", "因", "因为", "由于", "到", "年", "月", "日", "亦", "仅", "则", "但", "曾", "已", "才", "再", "更", "最",
    ];

    /// <summary>The first figure of a text and the character after it: 11日 of 11日至12.</summary>
    [GeneratedRegex(@"^\D{0,4}?\d+(\p{IsCJKUnifiedIdeographs})")]
    private static partial Regex FirstUnit();

    [GeneratedRegex("(有限公司|有限责任公司|股份公司|公司|集团|大学|学院|研究院|研究所|研究中心|委员会|办公厅|银行|协会|商会|医院|实验室)$")]
    private static partial Regex NameEnding();

    /// <summary>
    /// A span that is the inside of a title, or its end or start (产业园区合作协议 in 《共建深圳(哈尔滨)产业园区合作协议》),
    /// is the whole title with its marks: a title is quoted as printed. The same for a quoted phrase
    /// (“背靠广东,立足龙江,面向远东,辐射东北亚” for 辐射东北亚). Only 《》, 「」, 『』 and “”, and only when no other
    /// mark of the kind lies between.
    /// </summary>
    internal static (int Start, int End) WithTitle(string text, int start, int end)
    {
        foreach (var (open, close) in AnswerExtractor.BracketPairs.Where(p => AnswerExtractor.QuotesWhole(p.Open)))
        {
            if (start > 0 && end < text.Length && text[end] == close && text.AsSpan(start, end - start).IndexOfAny(open, close) < 0)
            {
                int at = text.LastIndexOf(open, start - 1);
                if (at >= 0 && start - at <= SpanFeatures.MaxChars && text.AsSpan(at + 1, start - at - 1).IndexOfAny(open, close) < 0)
                {
                    return (at, end + 1);
                }
            }

            // Its start (共建深圳(哈尔滨) in 《共建深圳(哈尔滨)产业园区合作协议》): the same, unless the span is the first
            // item of a list in the marks (「匈奴、羯、鲜卑」 for one people).
            if (start > 0 && text[start - 1] == open && end < text.Length && text[end] != '、' && text.AsSpan(start, end - start).IndexOfAny(open, close) < 0)
            {
                int at = text.IndexOf(close, end);
                if (at >= 0 && at + 1 - start <= SpanFeatures.MaxChars && text.AsSpan(end, at - end).IndexOf(open) < 0)
                {
                    return (start - 1, at + 1);
                }
            }
        }

        return (start, end);
    }


    /// <summary>
    /// A bracket or quotation mark whose partner lies too far outside the span to take in is cut off
    /// with the smaller side of the span, so an answer never shows a dangling 》 or “.
    /// </summary>
    internal static (int Start, int End) DropDangling(string text, int start, int end)
    {
        for (int guard = 0; guard < 8 && end > start; guard++)
        {
            int dangling = Dangling(text, start, end);
            if (dangling < 0)
            {
                break;
            }

            // Keep the longer side, less the punctuation at its ends; a tie keeps the left, where the
            // answer usually begins.
            var left = TrimPunctuation(text, start, dangling);
            var right = TrimPunctuation(text, dangling + 1, end);
            (start, end) = left.End - left.Start >= right.End - right.Start ? left : right;
        }

        return (start, end);
    }

    private static (int Start, int End) TrimPunctuation(string text, int start, int end)
    {
        while (start < end && IsClausePunctuation(text[start]))
        {
            start++;
        }

        while (end > start && IsClausePunctuation(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    internal static bool IsClausePunctuation(char c) => ",，。、;；:：!！?？ ".Contains(c);

    /// <summary>The offset of the first unmatched bracket in the span, or -1.</summary>
    private static int Dangling(string text, int start, int end)
    {
        foreach (var (open, close) in AnswerExtractor.BracketPairs)
        {
            var opens = new Stack<int>();
            for (int i = start; i < end; i++)
            {
                if (text[i] == open)
                {
                    opens.Push(i);
                }
                else if (text[i] == close)
                {
                    if (opens.Count == 0)
                    {
                        return i;
                    }

                    opens.Pop();
                }
            }

            if (opens.Count > 0)
            {
                return opens.Last();
            }
        }

        return -1;
    }

    /// <summary>The span grown to the whole range it is one end of: 100至400公尺, 16～20对, 3-5天.</summary>
    internal static (int Start, int End) WithRange(string text, int start, int end)
    {
        foreach (Match m in NumberRange().Matches(text))
        {
            int mEnd = m.Index + m.Length;
            if (m.Index <= start && end <= mEnd && (m.Index < start || end < mEnd) && mEnd - m.Index <= 40)
            {
                return (m.Index, mEnd);
            }

            if (m.Index > end)
            {
                break;
            }
        }

        return (start, end);
    }

    [GeneratedRegex(@"(?<![\d.])\d+(?:\.\d+)?(?:万|亿)?(?:" + QuestionAnalyzer.Units + @")?(?:至|到|~|～|－|—|-)\d+(?:\.\d+)?(?:万|亿)?(?:" + QuestionAnalyzer.Units + @"|%)?")]
    private static partial Regex NumberRange();

    /// <summary>
    /// A year printed twice, in a reign or era and in the common era, is one date: 乾隆十八年（1753年）,
    /// 民国10年（1921年）5月14日, 1992年（平成4年）. A span on either half takes the other half in,
    /// with the month and day printed right after it.
    /// </summary>
    internal static (int Start, int End) WithEra(string text, int start, int end)
    {
        static bool IsOpen(char c) => c is '（' or '(';
        static bool IsClose(char c) => c is '）' or ')';

        // A month or day printed right after such a pair (…（1949年）9月): the pair belongs to it.
        if (start >= 4 && IsClose(text[start - 1]) && text[start - 2] == '年' && char.IsDigit(text[start]) | "一二三四五六七八九十".Contains(text[start]))
        {
            int open = text.LastIndexOfAny(['（', '('], start - 2);
            if (open > 0 && start - 1 - open <= 9)
            {
                var (s0, _) = WithEra(text, open + 1, start - 1);
                if (s0 < open + 1)
                {
                    return (s0, end);
                }
            }
        }

        // The common-era year in brackets after an era year: take the era year in.
        if (start >= 2 && end < text.Length && IsOpen(text[start - 1]) && IsClose(text[end]) && text[start - 2] == '年')
        {
            int s = start - 2;
            int numerals = 0;
            while (s - 1 >= 0 && EraNumeral(text[s - 1]))
            {
                s--;
                numerals++;
            }

            // The era's name: up to two characters before its numerals (乾隆, 建安, 民国, 明治), not a preposition.
            int name = 0;
            while (numerals > 0 && name < 2 && s - 1 >= 0 && text[s - 1] is >= '\u4E00' and <= '\u9FFF' && !"于在是的和与及至到从为由自".Contains(text[s - 1]) && !EraNumeral(text[s - 1]))
            {
                s--;
                name++;
            }

            if (numerals > 0 && name > 0)
            {
                start = s;
                end++;
            }
        }
        else if (end + 2 < text.Length && text[end - 1] == '年' && IsOpen(text[end]))
        {
            // A year followed by its era year in brackets: 1992年（平成4年）.
            int close = text.IndexOfAny(['）', ')'], end);
            if (close > end && close - end <= 9 && text[close - 1] == '年')
            {
                end = close + 1;
            }
        }
        else
        {
            return (start, end);
        }

        // The month and day printed right after the date.
        var more = EraMonthDay().Match(text, end);
        if (more.Success && more.Index == end)
        {
            end += more.Length;
        }

        return (start, end);
    }

    private static bool EraNumeral(char c) => char.IsAsciiDigit(c) || "元一二三四五六七八九十百零〇两初".Contains(c);

    [GeneratedRegex(@"\G[一二三四五六七八九十\d]{1,3}月(?:[一二三四五六七八九十\d]{1,3}日)?")]
    private static partial Regex EraMonthDay();

    /// <summary>How fine a date a question asks for: 3 a day (哪天, 几号), 2 a month (几月), 1 a year (哪一年), 0 none or not a date question.</summary>
    public static int AskedGranularity(QuestionAnalysis question) =>
        question.Kind != AnswerKind.Date ? 0
        : Regex.IsMatch(question.Normalized, "哪一?天|几号|几日|哪一?日|日期|几月几") ? 3
        : Regex.IsMatch(question.Normalized, "几月|哪个月|月份") ? 2
        : Regex.IsMatch(question.Normalized, "哪一?年|几几年|年份|何年") ? 1
        : 0;

    /// <summary>How fine a printed date is: 3 a day, 2 a month, 1 a year, 0 none of these.</summary>
    public static int Granularity(string date) =>
        date.Contains('日') || date.Contains('号') ? 3 : date.Contains('月') ? 2 : date.Contains('年') ? 1 : 0;
}
