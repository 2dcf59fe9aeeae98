using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Answering;

/// <summary>Another figure the articles give for what a quantity question asks, with the scope it holds for.</summary>
/// <param name="Passage">The passage that prints it, with the figure's place in it.</param>
/// <param name="Text">The figure as printed (1114.79亿元).</param>
/// <param name="Scope">What it holds for, as printed before it (截至目前, 2021年9月12日, 此次…期间).</param>
public sealed record OtherFigure(QuotedPassage Passage, string Text, string Scope);

/// <summary>
/// Figures of one measure that differ by scope: a page says 4901亿元 cumulative to date, 1114.79亿元 at
/// one signing and 787.2亿元 at another. Finds the other figures the best passages give for a quantity
/// question, with the scope each is printed with, so the reply can name them and nobody mistakes one
/// for another; and says whether a figure is cumulative (what a question that names no date or
/// occasion asks for).
/// </summary>
public static partial class Figures
{
    [GeneratedRegex("(?:截至|截止)[^,，;；。]{0,8}|[^,，;；。]{0,8}以来|累计|总计|共计|迄今|至今|此次[^,，;；。]{0,14}|[^,，;；。]{0,14}期间")]
    private static partial Regex ScopePhrase();

    /// <summary>The scope a figure at <paramref name="start"/> of <paramref name="passage"/> is printed with: the last date or scope phrase of its sentence before it, else the sentence's opening words.</summary>
    public static string ScopeOf(PreparedPassage passage, int start)
    {
        var sentence = passage.SentenceAt(start);
        int upTo = Math.Clamp(start - sentence.Start, 0, sentence.Text.Length);
        var before = passage.Passage.Text.Substring(sentence.Start, upTo);
        var folded = sentence.Text[..upTo];

        Match? last = null;
        foreach (Match m in AnswerExtractor.DateExpression().Matches(folded))
        {
            last = m;
        }

        foreach (Match m in ScopePhrase().Matches(folded))
        {
            // A bare 累计 after 截至目前 or a date says no more than they do.
            if (last is not null && m.Length <= 2)
            {
                continue;
            }

            if (last is null || m.Index >= last.Index + last.Length || (m.Index <= last.Index && m.Index + m.Length >= last.Index + last.Length))
            {
                last = m;
            }
        }

        if (last is not null)
        {
            // A date with 截至 before it (截至2020年) is a cumulative scope: keep the 截至.
            int from = last.Index >= 2 && folded.AsSpan(last.Index - 2, 2) is "截至" or "截止" ? last.Index - 2 : last.Index;
            var scope = before.Substring(from, last.Index + last.Length - from).Trim(',', '，', ' ');

            // A bare 期间/此次 refers back: name the last dated clause before it (从今年5月份到9月份…期间).
            if (scope.Length <= 3 && !AnswerExtractor.DateExpression().IsMatch(scope) && DatedClauseBefore(passage, sentence.Start + from) is { } dated)
            {
                scope = dated + "…" + scope;
            }

            return scope;
        }

        int comma = before.IndexOfAny([',', '，', '；', ';']);
        var opening = comma > 0 ? before[..comma] : before;
        return Shorten(opening.Trim(), 16);
    }

    /// <summary>The last clause before <paramref name="at"/> that prints a date, as printed; null when none does.</summary>
    private static string? DatedClauseBefore(PreparedPassage passage, int at)
    {
        for (int end = at; end > 0;)
        {
            int start = passage.ClauseStart(end - 1);
            if (AnswerExtractor.DateExpression().IsMatch(passage.Folded[start..end]))
            {
                return Shorten(passage.Passage.Text[start..end].Trim(',', '，', ';', '；', '。', ' '), 16);
            }

            end = start - 1;
        }

        return null;
    }

    /// <summary>
    /// Whether the figure at <paramref name="start"/> is printed as a standing, cumulative one (截至目前…,
    /// 累计…, …以来): the extractor's own cue (<see cref="AnswerExtractor.ScopeFit"/>), before it in its sentence.
    /// </summary>
    public static bool IsCumulative(PreparedPassage passage, int start)
    {
        var sentence = passage.SentenceAt(start);
        return AnswerExtractor.CumulativeCue().IsMatch(sentence.Text[..Math.Clamp(start - sentence.Start, 0, sentence.Text.Length)]);
    }

    /// <summary>
    /// The other figures of the same unit the best passages give for the question, each once, best
    /// first: the passage must hold the question's words about as well as the answer's sentence does.
    /// </summary>
    /// <param name="answer">The short answer given.</param>
    /// <param name="answerPassage">The passage it was taken from.</param>
    /// <param name="answerStart">Its offset there.</param>
    /// <param name="keywords">The question's keywords: the measure a figure is of is the last of them printed before it.</param>
    /// <param name="candidates">The best passages with the extractor's figure in each.</param>
    /// <param name="max">How many to return at most.</param>
    internal static List<OtherFigure> Others(string answer, PreparedPassage answerPassage, int answerStart, IReadOnlyList<string> keywords, IEnumerable<(PassageHit Hit, AnswerSpan? Span)> candidates, int max)
    {
        var others = new List<OtherFigure>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Digits(answer) };
        var unit = BaseUnit(answer);
        var measure = MeasureOf(answerPassage, answerStart, keywords);
        double? best = null;
        foreach (var (hit, span) in candidates)
        {
            best ??= hit.SentenceCoverage;
            if (span is null || others.Count >= max)
            {
                continue;
            }

            if (measure is null || hit.SentenceCoverage < Math.Max(MinSentenceCoverage, best.Value - CoverageMargin))
            {
                continue;
            }

            // The extractor's figure in the passage, then the other figures of its sentence (由2017年的
            // 1241.99亿元增长到2019年的1957.10亿元).
            var sentence = hit.Prepared.SentenceAt(span.Start);
            var figures = new List<(int Start, int Length)> { (span.Start, span.Length) };
            figures.AddRange(AnswerExtractor.ArabicNumber().Matches(sentence.Text).Select(m => (sentence.Start + m.Index, AnswerExtractor.TrimNumber(m.Value).Length)));
            foreach (var (start, length) in figures)
            {
                // The same unit, and the same measure: the question's word printed last before the figure
                // in its clause (总签约额 of 4901亿元 and of 1114.79亿元; not 总投资 beside 787.2亿元).
                var text = hit.Passage.Text.Substring(start, length);
                if (others.Count < max && text.Any(char.IsDigit) && BaseUnit(text) == unit && MeasureOf(hit.Prepared, start, keywords) == measure
                    && !AnswerExtractor.IsDatePart(hit.Prepared.Folded, start, text) && !AnswerExtractor.IsHedged(hit.Prepared.Folded, start, text) && seen.Add(Digits(text)))
                {
                    others.Add(new OtherFigure(new QuotedPassage(hit.Passage, 0, start, length), text, ScopeOf(hit.Prepared, start)));
                }
            }
        }

        return others;
    }

    /// <summary>
    /// Candidate questions for a word asked alone (签约): for each figure the best passages print in a
    /// clause that holds the word, the clause up to the figure, asked with its scope (as printed, so
    /// it finds the same words) and unit (2021年9月12日，龙粤两省在哈尔滨再次签约合作项目多少个？), with
    /// the figure it was made from. At most <paramref name="max"/>, best passage first, one per clause.
    /// </summary>
    /// <param name="word">The word asked alone.</param>
    /// <param name="passages">The best passages for it.</param>
    /// <param name="max">How many questions at most.</param>
    public static List<(string Question, string Figure)> Clarifications(string word, IEnumerable<PreparedPassage> passages, int max)
    {
        var questions = new List<(string Question, string Figure)>();
        foreach (var passage in passages)
        {
            foreach (Match m in AnswerExtractor.ArabicNumber().Matches(passage.Folded))
            {
                if (questions.Count >= max)
                {
                    return questions;
                }

                var figure = AnswerExtractor.TrimNumber(m.Value);
                if (AnswerExtractor.IsDatePart(passage.Folded, m.Index, figure) || AnswerExtractor.UnitOf(figure) is not { } unit)
                {
                    continue;
                }

                // The clause up to the figure (an enumeration comma ends it too), without the hedge
                // or the verb of reaching printed before the figure (接近, 达到).
                int clause = Math.Max(passage.ClauseStart(m.Index), passage.Folded.LastIndexOf('、', Math.Max(0, m.Index - 1)) + 1);
                int leadEnd = m.Index;
                foreach (var hedge in AnswerExtractor.Hedges.Concat(Reaching))
                {
                    leadEnd -= leadEnd - hedge.Length >= clause && string.CompareOrdinal(passage.Folded, leadEnd - hedge.Length, hedge, 0, hedge.Length) == 0 ? hedge.Length : 0;
                }

                var lead = passage.Passage.Text[clause..leadEnd];

                var scope = ScopeOf(passage, m.Index);
                if (scope.IndexOf('…') is int dots and > 0)
                {
                    // 从今年5月份到9月份…期间: the dates say it; the clause's own 期间 goes.
                    scope = scope[..dots];
                }

                foreach (var opening in LeadOpenings)
                {
                    lead = lead.StartsWith(opening, StringComparison.Ordinal) ? lead[opening.Length..] : lead;
                }

                lead = lead.Trim();
                if (lead.Length < 2 || !passage.Folded.AsSpan(clause, leadEnd - clause).Contains(word, StringComparison.Ordinal) || lead.Any(char.IsDigit))
                {
                    continue;
                }

                var asked = unit.TrimStart('万', '亿', '千', '百') is { Length: > 0 } counter && !"元%".Contains(counter[^1]) ? "多少" + counter : "是多少";
                var question = (lead.Contains(scope, StringComparison.Ordinal) ? "" : scope + "，") + lead + asked + "？";
                if (!questions.Any(x => x.Question == question))
                {
                    questions.Add((question, passage.Passage.Text.Substring(m.Index, figure.Length)));
                }
            }
        }

        return questions;
    }

    // Printed between a measure and its figure without being part of the measure: 总签约额达到4901亿元.
    private static readonly string[] Reaching = ["达到", "达"];

    private static readonly string[] LeadOpenings = ["期间", "此后", "其中", "从", "有"];

    /// <summary>The question's keyword printed last before the figure in its clause (what the figure measures), or null.</summary>
    internal static string? MeasureOf(PreparedPassage passage, int start, IReadOnlyList<string> keywords)
    {
        var before = passage.Folded[passage.ClauseStart(start)..start];
        int end = -1;
        int startOfMeasure = -1;
        foreach (var k in keywords)
        {
            int at = before.LastIndexOf(k, StringComparison.Ordinal);
            if (at >= 0 && (at + k.Length > end || (at + k.Length == end && at < startOfMeasure)))
            {
                (startOfMeasure, end) = (at, at + k.Length);
            }
        }

        if (startOfMeasure < 0)
        {
            return null;
        }

        // With the keywords printed right before it: 总投资 (总 + 投资) is another measure than 完成投资.
        bool extended = true;
        while (extended)
        {
            extended = false;
            foreach (var k in keywords)
            {
                if (startOfMeasure >= k.Length && string.CompareOrdinal(before, startOfMeasure - k.Length, k, 0, k.Length) == 0)
                {
                    startOfMeasure -= k.Length;
                    extended = true;
                }
            }
        }

        return before[startOfMeasure..end];
    }

    /// <summary>Least share of the question's weight a sentence must hold for its figure to be named as another figure for it.</summary>
    private const double MinSentenceCoverage = 0.6;

    /// <summary>How much less of the question than the best passage's sentence it may hold.</summary>
    private const double CoverageMargin = 0.35;

    /// <summary>The unit without its magnitude: 元 of 1114.79亿元, 个 of 76个; null for a bare number.</summary>
    private static string? BaseUnit(string figure)
    {
        var unit = AnswerExtractor.UnitOf(figure);
        return unit?.TrimStart('万', '亿', '千', '百');
    }

    private static string Digits(string figure) => new(figure.Where(c => char.IsDigit(c) || c == '.').ToArray());

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
