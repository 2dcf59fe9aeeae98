using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// What a quantity question measures, and the figure a passage prints for it. "How much" names the
/// thing measured right before its question word (溪银汉鱼的体长是多少, 生活在水深多少的海域) or right after
/// it (有多少人口, 有多少枚臀鳍硬棘), and a passage that states it prints that noun with its figure a few
/// characters on (体长可达10公分, 水深2至23公尺, 人口8.57万). A figure printed in a sentence that never names
/// the noun (…雀鲷科的其中一种) measures something else, however well its sentence matches the question's
/// other words.
/// </summary>
public static partial class MeasuredNoun
{
    /// <summary>Words between the noun and the question word that are not part of the noun (是多少, 大约有多少, 在多少米).</summary>
    private static readonly string[] Fillers = ["大约", "大概", "一般", "通常", "平均", "一共", "总共", "约为", "达到", "共有", "是", "为", "有", "约", "达", "在", "共", "的", "会"];

    /// <summary>Words after the question word that qualify the figure, not name what it measures (多少米以上).</summary>
    private static readonly HashSet<string> NotNouns = new(StringComparer.Ordinal) { "以上", "以下", "左右", "之间", "上下", "以内", "多", "余" };

    /// <summary>How far past the noun its figure may start (体长可达|10公分: two characters; 水深约为|…: three).</summary>
    private const int MaxGap = 4;

    /// <summary>
    /// The noun a quantity question measures: its keywords printed right after the question word (人口,
    /// 臀鳍硬棘), or else the last one or two printed right before it (体长, 水深, 面积), at least two
    /// characters and not a verb; null when the question names none that way.
    /// </summary>
    /// <param name="q">The analysed question.</param>
    public static string? Of(QuestionAnalysis q)
    {
        if (q.Kind != AnswerKind.Quantity || q.WhStart < 0)
        {
            return null;
        }

        // After: 多少人口 reads 人 as the unit, but 人口 is one word, the noun asked about. Not after 的: in
        // 水深多少的海域 the noun after it is what has the figure (海域), and the figure's noun comes before.
        var after = q.Right.TrimStart().StartsWith('的') ? "" : q.LeadOut;
        int from = 0;
        if (q.Unit is { Length: 1 } unit && q.Normalized.AsSpan(q.WhStart, q.WhLength).EndsWith(unit, StringComparison.Ordinal)
            && after.Length > 0 && WordWeights.Shared.Knows(unit + after[0]))
        {
            after = unit + after;
            from = 1;
        }

        int end = from;
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var k in q.Keywords)
            {
                if (k.Length > 0 && string.CompareOrdinal(after, end, k, 0, k.Length) == 0 && !NotNouns.Contains(k))
                {
                    end += k.Length;
                    grew = true;
                    break;
                }
            }
        }

        if (end >= 2 && after[..end] is var following && !Text.Synonyms.Shared.IsVerb(following))
        {
            return following;
        }

        // Before: the last one or two keywords, the question's filler words set aside.
        var lead = q.LeadIn;
        for (bool cut = true; cut;)
        {
            cut = false;
            foreach (var f in Fillers)
            {
                if (lead.Length > f.Length && lead.EndsWith(f, StringComparison.Ordinal))
                {
                    lead = lead[..^f.Length];
                    cut = true;
                }
            }
        }

        int start = lead.Length;
        for (int taken = 0; taken < 2 && lead.Length - start < 2; taken++)
        {
            var k = q.Keywords.Where(k => k.Length > 0 && lead.AsSpan(0, start).EndsWith(k, StringComparison.Ordinal)).MaxBy(k => k.Length);
            if (k is null)
            {
                break;
            }

            start -= k.Length;
        }

        var noun = lead[start..];
        return noun.Length is >= 2 and <= 6 && !Text.Synonyms.Shared.IsVerb(noun) ? noun : null;
    }

    /// <summary>
    /// Whether a span starting at <paramref name="start"/> starts the figure printed for <paramref name="noun"/>:
    /// a figure no more than a few characters of Chinese after a printing of the noun, with no figure or
    /// punctuation between (体长可达|10公分). Returns the whole figure's end (its range and unit included), or -1
    /// when the span does not start such a figure.
    /// </summary>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">Where the span starts.</param>
    /// <param name="noun">The noun measured (<see cref="Of"/>).</param>
    public static int FigureEnd(string text, int start, string noun)
    {
        int figureEnd = FigureAt(text, start);
        if (start < noun.Length || figureEnd < 0)
        {
            return -1;
        }

        for (int gap = 0; gap <= MaxGap && start - gap - noun.Length >= 0; gap++)
        {
            if (gap > 0 && !Text.TextSpans.IsHan(text[start - gap]))
            {
                return -1;
            }

            if (string.CompareOrdinal(text, start - gap - noun.Length, noun, 0, noun.Length) == 0)
            {
                return figureEnd;
            }
        }

        return -1;
    }

    /// <summary>
    /// Where the figure printed at <paramref name="start"/> ends, with its unit and, for one end of a range, the
    /// range (2至23公尺), as the answer's whole phrase reads them (<see cref="AnswerExtractor.ArabicNumber"/>,
    /// <see cref="AnswerExtractor.ChineseNumber"/>, <see cref="WholePhrase.WithRange"/>); -1 when no figure starts there.
    /// </summary>
    internal static int FigureAt(string text, int start)
    {
        if (start >= text.Length)
        {
            return -1;
        }

        // Matched within the next few characters only: a figure is short, and the passage may be long.
        int end = -1, window = Math.Min(MaxFigure, text.Length - start);
        foreach (var pattern in new[] { AnswerExtractor.ArabicNumber(), AnswerExtractor.ChineseNumber() })
        {
            if (pattern.Match(text, start, window) is { Success: true } m && m.Index == start)
            {
                end = Math.Max(end, start + m.Length);
            }
        }

        return end < 0 ? -1 : WholePhrase.WithRange(text, start, end).End;
    }

    /// <summary>The longest figure read at one place (a number, its magnitude and unit: 1,241.99万平方公里).</summary>
    private const int MaxFigure = 24;
}
