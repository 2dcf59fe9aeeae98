using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Reading;

/// <summary>A short answer found in a passage: always a span of the passage text.</summary>
/// <param name="Start">Offset in the passage text.</param>
/// <param name="Length">Length in the passage text.</param>
/// <param name="Score">How well it fits the question; comparable between passages of one question.</param>
public sealed record AnswerSpan(int Start, int Length, double Score);

/// <summary>
/// Finds the short answer inside a passage. Quantities and dates are found by their printed form and
/// chosen by how close they stand to the question's words, whether the unit matches the one asked
/// for, and whether they are exact rather than hedged (<c>接近5000亿元(达到4901亿元)</c>). Names and
/// other things are found by filling the blank: the question's words before and after its question
/// word are matched in the sentence, and what stands between them is the answer.
/// </summary>
public static partial class AnswerExtractor
{
    [GeneratedRegex(@"(?<![\d.])\d+(?:[.,]\d+)*(?:余|多)?(?:万亿|亿|万|千|百)?(?:余|多)?(?:" + QuestionAnalyzer.Units + @"|%|‰)?")]
    internal static partial Regex ArabicNumber();

    [GeneratedRegex(@"(?<![第一二三四五六七八九十百千万两])(?!亿)[一二两三四五六七八九十百千万亿]+(?:余|多)?(?:" + QuestionAnalyzer.Units + @")")]
    internal static partial Regex ChineseNumber();

    [GeneratedRegex(@"(?:\d{4}|[一二〇零○]{4})年(?:\d{1,2}月(?:\d{1,2}[日号])?(?:至\d{1,2}[日号])?)?(?:底|初|末|上半年|下半年)?|\d{1,2}月\d{1,2}[日号](?:至\d{1,2}[日号])?|\d{1,2}月(?:份|初|底|中旬|上旬|下旬)?|\d{1,2}[日号]至\d{1,2}[日号]|(?:今|去|明|前)年\d{1,2}月份?|\d{2,4}年代|(?:公元前?)?\d{1,4}年")]
    internal static partial Regex DateExpression();

    /// <summary>Whether the whole of <paramref name="value"/> is one date as <see cref="DateExpression"/> reads it.</summary>
    internal static bool IsDate(string value)
    {
        var date = DateExpression().Match(value);
        return date.Success && date.Index == 0 && date.Length == value.Length;
    }

    internal static readonly string[] Hedges = ["接近", "将近", "近", "约", "大约", "超过", "超", "逾", "突破", "不到", "不足", "上下", "左右", "余", "多"];

    /// <summary>Finds the best answer span in <paramref name="passage"/>, or null when it holds none of the kind asked for.</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="passage">The passage, prepared (folded, cut into sentences).</param>
    /// <param name="weights">Keyword weights (IDF) of the question's keywords.</param>
    public static AnswerSpan? Extract(QuestionAnalysis question, PreparedPassage passage, IReadOnlyDictionary<string, double> weights)
    {
        AnswerSpan? best = null;
        foreach (var (start, sentence) in passage.Sentences)
        {
            double coverage = PassageSearcher.Coverage(sentence, weights);
            var candidates = question.Kind switch
            {
                AnswerKind.Quantity => Quantities(question, sentence, weights),
                AnswerKind.Date => Dates(question, sentence, weights),
                AnswerKind.List => [.. BlankFill(question, sentence, weights), .. Enumerations(question, sentence, weights)],
                _ => BlankFill(question, sentence, weights),
            };
            foreach (var c in candidates)
            {
                var span = new AnswerSpan(start + c.Start, c.Length, c.Score + (2 * coverage));
                if (best is null || span.Score > best.Score)
                {
                    best = span;
                }
            }
        }

        return best;
    }

    [GeneratedRegex("截至|截止|累计|总计|共计|迄今|至今|以来|目前|总共")]
    internal static partial Regex CumulativeCue();

    [GeneratedRegex("期间|此次|这次|当天|当日|本次|那次|再次|会上|仪式上")]
    private static partial Regex EventCue();

    /// <summary>Whether a question names no date, occasion or scope of its own, and so asks for the standing figure.</summary>
    internal static bool AsksStandingFigure(QuestionAnalysis q) =>
        !(DateExpression().IsMatch(q.Normalized) || EventCue().IsMatch(q.Normalized) || CumulativeCue().IsMatch(q.Normalized));

    /// <summary>
    /// A question that names no date or occasion asks for the standing, cumulative figure
    /// (截至目前…, 累计…, …以来), not the figure of one occasion (此次…, 期间…, a dated signing).
    /// </summary>
    internal static double ScopeFit(QuestionAnalysis q, string sentence)
    {
        if (!AsksStandingFigure(q))
        {
            return 0;
        }

        if (CumulativeCue().IsMatch(sentence))
        {
            return 0.75;
        }

        var firstDate = DateExpression().Match(sentence);
        bool dated = firstDate.Success && firstDate.Index <= 2 && (firstDate.Value.Contains('日') || firstDate.Value.Contains('号'));
        return EventCue().IsMatch(sentence) || dated ? -0.5 : 0;
    }

    /// <summary>
    /// A question that names a time (<c>2019年…是多少</c>) asks for the figure printed with that time
    /// (<c>由2017年的1241.99亿元增长到2019年的1957.10亿元</c>), not the nearest figure.
    /// </summary>
    internal static double NamedTimeFit(QuestionAnalysis q, string s, int start) => NamedTimeFit(NamedTimes(q), s, start);

    /// <summary>The times a question names (<see cref="DateExpression"/>), for <see cref="NamedTimeFit(string[], string, int)"/>.</summary>
    internal static string[] NamedTimes(QuestionAnalysis q) => DateExpression().Matches(q.Normalized).Select(m => m.Value).ToArray();

    /// <summary>As <see cref="NamedTimeFit(QuestionAnalysis, string, int)"/>, with the question's times found once (the reader asks for every candidate).</summary>
    internal static double NamedTimeFit(string[] times, string s, int start)
    {
        double fit = 0;
        foreach (var time in times)
        {
            int windowStart = Math.Max(0, start - time.Length - 4);
            if (s.IndexOf(time, windowStart, start - windowStart, StringComparison.Ordinal) >= 0)
            {
                fit = 0.6;
            }
        }

        return fit;
    }

    private static List<AnswerSpan> Quantities(QuestionAnalysis q, string s, IReadOnlyDictionary<string, double> weights)
    {
        double scope = ScopeFit(q, s);
        var found = new List<(Match M, bool Chinese)>();
        found.AddRange(ArabicNumber().Matches(s).Select(m => (m, false)));
        found.AddRange(ChineseNumber().Matches(s).Select(m => (m, true)));
        var result = new List<AnswerSpan>();
        foreach (var (m, chinese) in found)
        {
            var value = TrimNumber(m.Value);
            if (value.Length == 0 || q.Normalized.Contains(value, StringComparison.Ordinal))
            {
                // A number the question itself states (a year, a count) is context, not the answer.
                continue;
            }

            var unit = UnitOf(value);
            double score = Proximity(s, m.Index, value.Length, weights) + ContextMatch(q, s, m.Index, value.Length) + scope + NamedTimeFit(q, s, m.Index);
            score += UnitFit(q.Unit, unit, value);
            if (chinese)
            {
                score -= 0.3;
            }

            if (IsHedged(s, m.Index, value))
            {
                score -= 0.4;
            }

            // A date is not a quantity unless the question counts years or days.
            if (q.Unit is not ("年" or "月" or "天" or "日") && IsDatePart(s, m.Index, value))
            {
                score -= 1.5;
            }

            result.Add(new AnswerSpan(m.Index, value.Length, score));
        }

        return Refine(s, result);
    }

    /// <summary>
    /// A figure printed in brackets right after another (<c>接近5000亿元(达到4901亿元)</c>) states the
    /// first one exactly: it takes over the first one's standing in the sentence.
    /// </summary>
    private static List<AnswerSpan> Refine(string s, List<AnswerSpan> spans)
    {
        var ordered = spans.OrderBy(x => x.Start).ToList();
        for (int i = 0; i + 1 < ordered.Count; i++)
        {
            var a = ordered[i];
            var b = ordered[i + 1];
            int gapStart = a.Start + a.Length;
            if (b.Start - gapStart is >= 1 and <= 4 && s[gapStart..b.Start].IndexOfAny(['(', '（']) >= 0)
            {
                ordered[i + 1] = b with { Score = Math.Max(a.Score + 0.4, b.Score) };
            }
        }

        return ordered;
    }

    private static List<AnswerSpan> Dates(QuestionAnalysis q, string s, IReadOnlyDictionary<string, double> weights)
    {
        var result = new List<AnswerSpan>();
        foreach (Match m in DateExpression().Matches(s))
        {
            if (q.Normalized.Contains(m.Value, StringComparison.Ordinal))
            {
                continue;
            }

            double score = Proximity(s, m.Index, m.Length, weights) + ContextMatch(q, s, m.Index, m.Length);

            // A full date answers "when" better than a bare month or year.
            score += m.Value.Contains('日') || m.Value.Contains('号') ? 0.3 : m.Value.Contains('月') ? 0.15 : 0;
            result.Add(new AnswerSpan(m.Index, m.Length, score));
        }

        return result;
    }

    /// <summary>
    /// Fill-in-the-blank: the longest tail of the question text before its question word that occurs in
    /// the sentence marks where the answer starts; the longest head of the text after it marks where it ends.
    /// </summary>
    private static List<AnswerSpan> BlankFill(QuestionAnalysis q, string s, IReadOnlyDictionary<string, double> weights)
    {
        var result = new List<AnswerSpan>();
        var left = q.LeadIn;
        var right = q.LeadOut;
        var lefts = Anchors(s, left, fromEnd: true);
        var rights = Anchors(s, right, fromEnd: false);

        foreach (var (lPos, lLen) in lefts)
        {
            int from = lPos + lLen;
            foreach (var (rPos, rLen) in rights)
            {
                if (rPos > from && rPos - from <= 40)
                {
                    Add(from, rPos, lLen + rLen);
                }
            }

            if (rights.Count == 0 || right.Length == 0)
            {
                Add(from, ClauseEnd(s, from), lLen);
            }
        }

        if (lefts.Count == 0 || left.Length == 0)
        {
            foreach (var (rPos, rLen) in rights)
            {
                Add(ClauseStart(s, rPos), rPos, rLen);
            }
        }

        if (result.Count == 0)
        {
            // No anchor: the clause that holds most of the question is the best that can be quoted.
            foreach (var (cs, ce) in TextSpans.Clauses(s))
            {
                var (ts, te) = Trim(s, cs, ce);
                if (te > ts)
                {
                    result.Add(new AnswerSpan(ts, Math.Min(te - ts, 40), PassageSearcher.Coverage(s[cs..ce], weights) - 1));
                }
            }
        }

        return result;

        void Add(int start, int end, int anchorLength)
        {
            var (ts, te) = Trim(s, start, end);
            if (te <= ts || te - ts > 40)
            {
                return;
            }

            (ts, te) = BalanceBrackets(s, ts, te);
            var value = s[ts..te];
            if (q.Normalized.Contains(value, StringComparison.Ordinal))
            {
                return;
            }

            double score = Math.Min(anchorLength, 12) / 4.0 + Proximity(s, ts, te - ts, weights) + KindFit(q.Kind, value);
            result.Add(new AnswerSpan(ts, te - ts, score));
        }
    }

    private static readonly string[] EnumerationLeads = ["分别是", "分别为", "前往", "包括", "包含", "涉及", "参观", "来到", "赴", "到", "有", "是", "为", "如", "在"];

    /// <summary>
    /// A list is printed as an enumeration (<c>A、B、C</c>) after a verb: the items run from that verb to
    /// the end of the clause, less a trailing word the question itself uses (…实验室考察).
    /// </summary>
    private static List<AnswerSpan> Enumerations(QuestionAnalysis q, string s, IReadOnlyDictionary<string, double> weights)
    {
        var result = new List<AnswerSpan>();
        var noun = SpanFeatures.TypeNounOf(q, q.Keywords);

        // 哪几个方面: the noun after a count's question word, which TypeNounOf leaves to the count.
        var listNoun = noun.Length > 0 ? noun : q.Keywords.FirstOrDefault(k => k.Length > 1 && q.Right.StartsWith(k, StringComparison.Ordinal)) ?? "";
        foreach (var (cs, ce) in TextSpans.Clauses(s))
        {
            int first = s.IndexOf('、', cs, ce - cs);
            if (first < 0)
            {
                continue;
            }

            int start = cs;
            foreach (var lead in EnumerationLeads)
            {
                int at = s.LastIndexOf(lead, first, first - cs + 1, StringComparison.Ordinal);
                if (at >= cs)
                {
                    start = Math.Max(start, at + lead.Length);
                }
            }

            // The question's own verb opening the list is not one of its items (建了哪些 → 建设黑龙江创投孵化基地、…),
            // printed as asked or as a dictionary word it opens (建 → 建设).
            foreach (var verb in q.Keywords.Where(w => q.LeadIn.EndsWith(w, StringComparison.Ordinal) && Text.Synonyms.Shared.IsVerb(w)))
            {
                int taken = start + 2 < first && WordWeights.Shared.OpensWord(s, start, verb) ? 2
                    : string.CompareOrdinal(s, start, verb, 0, verb.Length) == 0 ? verb.Length : 0;
                if (taken > 0 && start + taken < first && TextSpans.IsHan(s[start + taken]))
                {
                    start += taken;
                    break;
                }
            }

            var (ts, te) = Trim(s, start, ce);

            // 甲、乙、丙等重大战略: the list ends with the 等 after the last 、, and what follows the 等 names
            // what they are; when that is what the question asks for (哪些重大战略), this is its list.
            int last = s.LastIndexOf('、', te - 1, te - ts);
            int etc = last < 0 ? -1 : s.IndexOf('等', last, te - last);
            double names = 0;
            if (etc > last + 1 && !EtcInWord(s, etc))
            {
                // Named by the noun the question asks for (哪些重大战略 → 等重大战略); when it asks for none
                // (哪几块), by one of its words (…这些生产性服务业 → 等生产性服务业领域), which says less.
                // A count of them may stand between (等一大批科技企业孵化器, 等10余次粮食产销对接活动).
                var after = s[(etc + 1)..te];
                after = after[ListCount().Match(after).Length..];
                names = noun.Length > 0 ? (after.StartsWith(noun, StringComparison.Ordinal) ? 1.0 : 0)
                    : q.Keywords.Any(k => k.Length > 1 && after.StartsWith(k, StringComparison.Ordinal)) ? 0.5 : 0;
                te = etc + 1; // the 等 is printed with the list and says it is not complete
            }
            else if (listNoun.Length > 0 && last > ts && s.IndexOf(listNoun, last, te - last, StringComparison.Ordinal) is var named && named > last + 1)
            {
                // 甲、乙、丙方面: named by the noun asked for right after the last item (哪些方面, 哪几个方面), which ends the list.
                names = 1.0;
                te = named;
            }
            else
            {
                foreach (var word in q.Keywords)
                {
                    if (te - ts > word.Length + 2 && s.AsSpan(ts, te - ts).EndsWith(word))
                    {
                        te -= word.Length;
                    }
                }
            }

            if (te > ts && s.IndexOf('、', ts, te - ts) >= 0)
            {
                // An answer names what the question does not: items that repeat its words are context.
                double repeats = PassageSearcher.Coverage(s[ts..te], weights);
                result.Add(new AnswerSpan(ts, te - ts, 1.0 + names + Proximity(s, ts, te - ts, weights) - (2 * repeats)));
            }
        }

        return result;
    }

    private static readonly string[] WordsWithEtc = ["高等", "平等", "同等", "对等", "中等", "初等", "上等", "相等", "均等", "优等", "一等", "二等", "三等", "头等", "特等", "等级", "等待", "等于", "等同", "等候", "等离子"];

    /// <summary>Whether the 等 at <paramref name="at"/> is part of a word (高等教育, 等级) rather than "and so on".</summary>
    private static bool EtcInWord(string s, int at) =>
        WordsWithEtc.Any(w => w.IndexOf('等') is var i && at - i >= 0 && at - i + w.Length <= s.Length && string.CompareOrdinal(s, at - i, w, 0, w.Length) == 0);

    /// <summary>Whether <paramref name="open"/> opens a title or a quotation, which an answer takes in whole however long (《》, 「」, 『』, “”).</summary>
    internal static bool QuotesWhole(char open) => open is '《' or '「' or '『' or '“';

    /// <summary>The brackets and quotation marks an answer keeps in pairs (<see cref="BalanceBrackets"/>, <see cref="WholePhrase"/>).</summary>
    internal static readonly (char Open, char Close)[] BracketPairs = [('《', '》'), ('“', '”'), ('‘', '’'), ('(', ')'), ('（', '）'), ('「', '」'), ('『', '』'), ('【', '】'), ('〈', '〉')];

    /// <summary>
    /// A title or quotation is quoted whole: a span that opens 《 (or “, or a bracket) and stops
    /// before the close is extended to it, when it is near; one that closes without opening, back.
    /// </summary>
    internal static (int Start, int End) BalanceBrackets(string s, int start, int end)
    {
        foreach (var (open, close) in BracketPairs)
        {
            // A title (《共建深圳(哈尔滨)产业园区合作协议》) or a quotation (“背靠广东,…,辐射东北亚”) is an answer
            // whole, however long; other brackets are taken in only when their partner is near.
            int reach = QuotesWhole(open) ? SpanFeatures.MaxChars : 12;
            int opens = 0, closes = 0;
            for (int i = start; i < end; i++)
            {
                opens += s[i] == open ? 1 : 0;
                closes += s[i] == close ? 1 : 0;
            }

            if (opens > closes)
            {
                int at = s.IndexOf(close, end);
                if (at >= 0 && at - end <= reach)
                {
                    end = at + 1;
                }
            }
            else if (closes > opens && start > 0)
            {
                int at = s.LastIndexOf(open, start - 1);
                if (at >= 0 && start - at <= reach)
                {
                    start = at;
                }
            }
        }

        return (start, end);
    }

    private static double KindFit(AnswerKind kind, string value) => kind switch
    {
        AnswerKind.Organization when OrganizationSuffix().IsMatch(value) => 0.5,
        AnswerKind.Place when PlaceSuffix().IsMatch(value) => 0.3,
        AnswerKind.Person when value.Length <= 4 => 0.2,
        _ => 0,
    } - (value.Length > 20 ? 0.3 : 0);

    /// <summary>How many of a list there are, printed after its 等: 一大批, 一系列, 诸多, 10余次, 三个.</summary>
    [GeneratedRegex(@"^(?:一大批|一批|一系列|一些|诸多|众多|若干|[0-9一二三四五六七八九十两几数多]+余?(?:个|家|项|种|所|次|座|类|批|位|名|条|处|场))")]
    private static partial Regex ListCount();

    [GeneratedRegex("(公司|集团|大学|学院|学校|研究院|研究所|委员会|办公厅|办公室|政府|部|厅|局|委|署|院|中心|银行|协会|商会|组织|机构|团队|医院)$")]
    internal static partial Regex OrganizationSuffix();

    [GeneratedRegex("(省|市|县|区|镇|乡|村|国|州|岛|山|河|湖|海|港|园|城)$")]
    internal static partial Regex PlaceSuffix();

    /// <summary>Occurrences of the longest tail (or head) of <paramref name="context"/> found in the sentence.</summary>
    private static List<(int Pos, int Len)> Anchors(string s, string context, bool fromEnd)
    {
        for (int len = Math.Min(context.Length, 16); len >= 1; len--)
        {
            var piece = fromEnd ? context[^len..] : context[..len];
            if (len == 1 && !IsMeaningfulSingle(piece[0]))
            {
                break;
            }

            var found = new List<(int, int)>();
            for (int at = s.IndexOf(piece, StringComparison.Ordinal); at >= 0; at = s.IndexOf(piece, at + 1, StringComparison.Ordinal))
            {
                found.Add((at, len));
            }

            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    /// <summary>Single characters that mark a role well enough to anchor on (由 X 发布, 与 X 合作).</summary>
    private static bool IsMeaningfulSingle(char c) => c is '由' or '与' or '和' or '被' or '在' or '向' or '于' or '给' or '叫' or '称' or '为' or '是';

    private static (int Start, int End) Trim(string s, int start, int end)
    {
        const string leading = "是为由在于了的被将把:：,，、 \"“”「」（）()";
        const string trailing = "的了是,，。;；:：、 \"“”「」（）()";
        while (start < end && leading.Contains(s[start]))
        {
            start++;
        }

        while (end > start && trailing.Contains(s[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static int ClauseEnd(string s, int from)
    {
        int i = from;
        while (i < s.Length && s[i] is not ('，' or ',' or '。' or '；' or ';' or '！' or '？' or '!' or '?'))
        {
            i++;
        }

        return i;
    }

    private static int ClauseStart(string s, int before)
    {
        int i = before;
        while (i > 0 && s[i - 1] is not ('，' or ',' or '。' or '；' or ';' or '！' or '？' or '!' or '?' or '：' or ':'))
        {
            i--;
        }

        return i;
    }

    /// <summary>How close the question's keywords stand to a span, weighted by how telling each is (0–1).</summary>
    // 第几代, 第几届, 第几名, 第几背鳍: the measure after 第几 (one or two characters).
    [GeneratedRegex(@"第几(?<measure>[\p{IsCJKUnifiedIdeographs}]{1,2})?")]
    private static partial Regex OrdinalQuestion();

    [GeneratedRegex(@"第[一二三四五六七八九十百千零两〇\d]+")]
    private static partial Regex OrdinalPrinted();

    /// <summary>
    /// For a question that asks which in order (第几代, 第几届, 第几站), the ordinal the passage prints
    /// with the same measure (第二代, 第八届), nearest the question's words; null when the question asks
    /// no ordinal or the passage prints none. The learned reader, trained on few such questions, often
    /// picks another figure (1992年 for 第几代); an ordinal is printed in one form, so the form decides.
    /// </summary>
    internal static AnswerSpan? Ordinal(QuestionAnalysis question, string s, IReadOnlyDictionary<string, double> weights)
    {
        if (OrdinalQuestion().Match(question.Normalized) is not { Success: true } asked)
        {
            return null;
        }

        // Two characters only when they are one word (第几背鳍), else one (第几代站房 → 代).
        var measure = asked.Groups["measure"].Value;
        if (measure.Length == 2 && !WordWeights.Shared.Knows(measure))
        {
            measure = measure[..1];
        }

        AnswerSpan? best = null;
        foreach (Match m in OrdinalPrinted().Matches(s))
        {
            int end = m.Index + m.Length;

            // The measure as asked (第二代 for 第几代), or its first character (第三名 for 第几名次).
            int take = measure.Length > 0 && string.CompareOrdinal(s, end, measure, 0, measure.Length) == 0 ? measure.Length
                : measure.Length > 0 && end < s.Length && s[end] == measure[0] ? 1 : -1;
            if (take < 0 || question.Normalized.Contains(s.Substring(m.Index, m.Length + take), StringComparison.Ordinal))
            {
                continue;
            }

            double score = Proximity(s, m.Index, m.Length + take, weights);
            if (best is null || score > best.Score)
            {
                best = new AnswerSpan(m.Index, m.Length + take, score);
            }
        }

        return best;
    }

    internal static double Proximity(string s, int start, int length, IReadOnlyDictionary<string, double> weights)
    {
        double total = 0, score = 0;
        foreach (var (word, weight) in weights)
        {
            total += weight;
            int best = int.MaxValue;
            for (int at = s.IndexOf(word, StringComparison.Ordinal); at >= 0; at = s.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                int distance = at + word.Length <= start ? start - (at + word.Length) : at >= start + length ? at - (start + length) : 0;
                best = Math.Min(best, distance);
            }

            if (best != int.MaxValue)
            {
                score += weight / (1 + (best / 8.0));
            }
        }

        return total == 0 ? 0 : score / total;
    }

    /// <summary>Rewards a span that sits where the question word sits: right after the question's own lead-in words.</summary>
    private static double ContextMatch(QuestionAnalysis q, string s, int start, int length)
    {
        var left = q.LeadIn;
        int best = 0;

        // Allow up to three filler characters (达到, 为, 约) between the lead-in and the figure.
        for (int skip = 0; skip <= 3 && start - skip >= 0; skip++)
        {
            int end = start - skip;
            int k = 0;
            while (k < left.Length && end - k - 1 >= 0 && s[end - k - 1] == left[left.Length - 1 - k])
            {
                k++;
            }

            best = Math.Max(best, k);
        }

        var right = q.LeadOut;
        int r = 0;
        int after = start + length;
        while (r < right.Length && after + r < s.Length && s[after + r] == right[r])
        {
            r++;
        }

        return (Math.Min(best, 8) + Math.Min(r, 8)) / 8.0;
    }

    internal static double UnitFit(string? asked, string? unit, string value)
    {
        if (asked is null)
        {
            return unit is null ? 0 : 0.2;
        }

        if (unit is not null && (unit.EndsWith(asked, StringComparison.Ordinal) || (asked == "元" && unit.Contains('元'))))
        {
            return 1.0;
        }

        if (asked == "%" && value.EndsWith('%'))
        {
            return 1.0;
        }

        if (unit is not null && StandIns.Any(units => units.Contains(asked) && units.Contains(unit.TrimStart('万', '亿'))))
        {
            return 1.0;
        }

        return unit is null ? -0.3 : -1.5;
    }

    /// <summary>
    /// Units that count the same thing and stand for one another in print: 几趟 is answered by 两次, 多少人
    /// by 2546名.
    /// </summary>
    private static readonly string[][] StandIns = [["次", "趟", "回", "遍"], ["人", "名", "位"]];


    internal static bool IsHedged(string s, int start, string value)
    {
        foreach (var h in Hedges)
        {
            if (start >= h.Length && s.AsSpan(start - h.Length, h.Length).SequenceEqual(h))
            {
                return true;
            }
        }

        return value.Contains('余') || value.Contains('多');
    }

    internal static bool IsDatePart(string s, int start, string value)
    {
        if (value.EndsWith('年') && value.Length == 5)
        {
            return true;
        }

        return value.EndsWith('月') || (value.EndsWith('日') && start > 0 && s[start - 1] == '月');
    }

    internal static string TrimNumber(string value) => value.TrimEnd(',', '.');

    internal static string? UnitOf(string value)
    {
        int i = value.Length;
        while (i > 0 && !char.IsDigit(value[i - 1]) && "一二两三四五六七八九十百千万亿余多".IndexOf(value[i - 1]) < 0)
        {
            i--;
        }

        var unit = value[i..];
        var magnitude = value[..i].TrimEnd('余', '多');
        if (magnitude.Length > 0 && (magnitude[^1] is '万' or '亿' or '千' or '百'))
        {
            unit = magnitude[^1] + unit;
        }

        return unit.Length == 0 ? null : unit;
    }
}
