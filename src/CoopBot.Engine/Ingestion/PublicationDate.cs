using System.Globalization;
using System.Text.RegularExpressions;

namespace CoopBot.Engine.Ingestion;

/// <summary>
/// When a page was published: from its file name (<c>2021-09-13-page1.txt</c>, <c>20210913_a.txt</c>)
/// or, failing that, from a dateline printed alone at the top of the page (<c>2021年9月13日 星期一</c>,
/// <c>发布日期：2021-09-13</c>); otherwise unknown. Never guessed from dates inside the articles, which
/// are the dates of what they report.
/// </summary>
public static partial class PublicationDate
{
    /// <summary>How many lines from the top of a page a dateline may stand.</summary>
    public const int DatelineLines = 3;

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})[-_.]?(?<m>0[1-9]|1[0-2])[-_.]?(?<d>0[1-9]|[12]\d|3[01])(?!\d)")]
    private static partial Regex FileNameDate();

    [GeneratedRegex(@"^(?:(?:出版|发布|发表|刊发|见报)?(?:日期|时间)\s*[:：]\s*)?(?<y>(?:19|20)\d{2})\s*(?:年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日|[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2}))(?:\s*(?:\d{1,2}:\d{2}(?::\d{2})?))?(?:\s*[（(]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)?(?:\s*(?:农历\S*))?$")]
    private static partial Regex Dateline();

    /// <summary>A date as Chinese text: 2021年9月13日.</summary>
    public static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>The date in a file name, or null.</summary>
    public static DateOnly? FromFileName(string source) =>
        FileNameDate().Match(Path.GetFileName(source ?? "")) is { Success: true } m ? Date(m) : null;

    /// <summary>The date of a line that is a dateline and nothing else, or null.</summary>
    public static DateOnly? FromDateline(string line) =>
        line.Length <= 40 && Dateline().Match(line.Trim()) is { Success: true } m ? Date(m) : null;

    private static DateOnly? Date(Match m)
    {
        int y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        return mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }
}
