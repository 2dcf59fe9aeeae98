using System.Globalization;
using System.Text.RegularExpressions;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// The years a question names (2020年的对俄贸易, 2021-09-13, 对俄贸易 2020; 明年, 去年). They rank pages of that
/// time first, and they are a constraint like a place or a body: a passage that never prints the year,
/// and was not published in it, does not say what happened then, however well it holds the rest
/// (对俄贸易额由2017年的…增长到2019年的… says nothing of 2020).
/// </summary>
public static partial class NamedYears
{
    // 19xx or 20xx, not inside a longer number, before 年, a date's separator and digit, or standing
    // alone (before a space, the end or punctuation), not before a unit (2020万元 is an amount).
    [GeneratedRegex(@"(?<![\d.])((?:19|20)\d{2})(?=年|[-/.]\d|\s|$|[?？,，。!！、的])")]
    private static partial Regex Year();

    /// <summary>The years a normalized question names.</summary>
    public static IReadOnlySet<int> In(string normalized) =>
        Year().Matches(normalized).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>
    /// Whether a passage (<paramref name="folded"/>, published <paramref name="published"/>) prints every
    /// year the question names, or was published in it; true when the question names none. A year named
    /// relative to now (明年, 去年, 今年) must be printed as the question words it, or as the year it stands for
    /// on the passage's page (<paramref name="pageYear"/>: its publication year, else the latest date the page
    /// prints, as <c>RelativeDates</c> reads the page's own 今年); 今年 also holds where the passage dates
    /// nothing, since a page speaks of its own year without naming it.
    /// </summary>
    public static bool PassageStates(QuestionAnalysis question, string folded, DateOnly? published, int? pageYear = null)
    {
        if (!In(question.Normalized).All(year => published?.Year == year || folded.Contains(year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var (word, offset) in Relative)
        {
            if (!question.Normalized.Contains(word, StringComparison.Ordinal) || folded.Contains(word, StringComparison.Ordinal))
            {
                continue;
            }

            if ((published?.Year ?? pageYear) is { } year && folded.Contains((year + offset).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                continue;
            }

            if (offset == 0 && !Year().IsMatch(folded))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Whether the question names a year relative to now (今年, 明年…): only then does the page's year matter.</summary>
    public static bool NamesRelative(QuestionAnalysis question) => Relative.Any(r => question.Normalized.Contains(r.Word, StringComparison.Ordinal));

    /// <summary>
    /// Years a question names relative to now (两省明年在哪里开座谈会, 两省今年的对俄贸易额): a passage states what
    /// happens then only where it prints the same word or the year it stands for (<see cref="PassageStates"/>).
    /// Measured: 今年 held to the passage's publication year alone refused questions a page answers with its
    /// own 今年5月份; held to the page's year, it refuses 对俄贸易额由2017年的…增长到2019年的… for this year's trade.
    /// </summary>
    private static readonly (string Word, int Offset)[] Relative = [("今年", 0), ("明年", 1), ("后年", 2), ("去年", -1), ("前年", -2)];
}
