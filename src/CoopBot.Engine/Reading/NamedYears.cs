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
    /// year the question names, or was published in it; true when the question names none.
    /// </summary>
    public static bool PassageStates(QuestionAnalysis question, string folded, DateOnly? published) =>
        In(question.Normalized).All(year => published?.Year == year || folded.Contains(year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        && Relative.All(r => !question.Normalized.Contains(r.Word, StringComparison.Ordinal) || folded.Contains(r.Word, StringComparison.Ordinal)
            || (published is { } p && folded.Contains((p.Year + r.Offset).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));

    /// <summary>
    /// Years a question names relative to now (两省明年在哪里开座谈会): a passage states what happens then only where
    /// it prints the same word or, published in a known year, that year. 今年 is left out: a page speaks of its
    /// own year without naming it.
    /// </summary>
    private static readonly (string Word, int Offset)[] Relative = [("明年", 1), ("后年", 2), ("去年", -1), ("前年", -2)];
}
