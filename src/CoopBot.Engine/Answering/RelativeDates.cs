using System.Globalization;
using System.Text.RegularExpressions;
using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Answering;

/// <summary>The date an article's relative dates (今年, 截至目前, 11日) are read against, and how it was found.</summary>
/// <param name="Year">The year.</param>
/// <param name="Month">The month, when known.</param>
/// <param name="Day">The day, when known.</param>
/// <param name="How">How it was found, for the reader of the reply (按文件名中的日期 / 按文中最晚的日期).</param>
public sealed record DateBasis(int Year, int? Month, int? Day, string How)
{
    /// <summary>Whether it is the page's publication date (named in its file name or printed as its dateline), not the latest date it mentions.</summary>
    public bool IsPublication { get; init; }

    /// <summary>The date as Chinese text: 2021年9月12日.</summary>
    public string Text => $"{Year}年" + (Month is { } m ? $"{m}月" : "") + (Month is not null && Day is { } d ? $"{d}日" : "");
}

/// <summary>A relative date in a passage, resolved: 今年5月份 → 2021年5月.</summary>
/// <param name="Start">Offset of the phrase in the passage.</param>
/// <param name="Length">Its length.</param>
/// <param name="Absolute">The absolute date it stands for.</param>
public sealed record ResolvedDate(int Start, int Length, string Absolute);

/// <summary>
/// Turns the relative dates of news text into absolute ones. A newspaper writes 今年5月份, 截至目前,
/// 11日至12日, 当天 and 此后 against its publication date; that date is taken from the file name when
/// it holds one (2021-09-13, 20210913), otherwise from the latest full date its page prints (the
/// articles of one page file are published together); 当天 and 此后 are read against the last date printed before
/// them. Nothing is resolved when no date is known.
/// </summary>
public static partial class RelativeDates
{


    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})年(?<m>\d{1,2})月(?:(?<d>\d{1,2})[日号])?")]
    private static partial Regex FullDate();

    // 今年5月份, 去年12月, 今年; 截至目前, 目前, 至今, 如今; 11日至12日 (a day with no month before it); 当天, 当日; 此后.
    [GeneratedRegex(@"(?<rel>今|去|前|明)年(?:(?<m>\d{1,2})月份?)?|(?<now>截至目前|截止目前|目前|至今|如今)|(?<![月\d])(?<d1>\d{1,2})[日号](?:至(?<d2>\d{1,2})[日号])?|(?<that>当天|当日)|(?<after>此后)")]
    private static partial Regex Relative();

    /// <summary>
    /// The date the relative dates of a page file's articles are read against, or null when none is
    /// known: the date in the file name, else the latest full date the page prints. The articles of one
    /// page file are published together, and an article may print only earlier dates (2019年5月9日 in a
    /// 2021 report), so the whole page decides, once for all its articles.
    /// </summary>
    /// <param name="source">The page file, relative to the seeds folder.</param>
    /// <param name="page">The articles read from it.</param>
    public static DateBasis? BasisOf(string source, IEnumerable<Article> page)
    {
        if (Ingestion.PublicationDate.FromFileName(source) is { } named)
        {
            return new DateBasis(named.Year, named.Month, named.Day, "按文件名中的日期" + Ingestion.PublicationDate.Chinese(named)) { IsPublication = true };
        }

        if (page.FirstOrDefault()?.Published is { } printed)
        {
            return new DateBasis(printed.Year, printed.Month, printed.Day, "按版面上印的日期" + Ingestion.PublicationDate.Chinese(printed)) { IsPublication = true };
        }

        return Latest(page.SelectMany(a => a.Passages).Select(p => p.Text), "按同版文章中最晚的日期");
    }

    private static DateBasis? Latest(IEnumerable<string> texts, string how)
    {
        (int Y, int M, int D)? latest = null;
        foreach (var text in texts)
        {
            foreach (Match m in FullDate().Matches(text))
            {
                var date = (Int(m.Groups["y"]), Int(m.Groups["m"]), m.Groups["d"].Success ? Int(m.Groups["d"]) : 0);
                if (date.Item2 is >= 1 and <= 12 && (latest is null || date.CompareTo(latest.Value) > 0))
                {
                    latest = date;
                }
            }
        }

        if (latest is not { } l)
        {
            return null;
        }

        var basis = new DateBasis(l.Y, l.M, l.D == 0 ? null : l.D, "");
        return basis with { How = how + basis.Text };
    }

    /// <summary>The relative dates of <paramref name="text"/> resolved against <paramref name="basis"/>, in order.</summary>
    public static IReadOnlyList<ResolvedDate> Resolve(string text, DateBasis? basis)
    {
        var resolved = new List<ResolvedDate>();
        if (basis is null || string.IsNullOrEmpty(text))
        {
            return resolved;
        }

        foreach (Match m in Relative().Matches(text))
        {
            string? absolute = null;
            if (m.Groups["rel"].Success)
            {
                int year = basis.Year + m.Groups["rel"].Value switch { "去" => -1, "前" => -2, "明" => 1, _ => 0 };
                absolute = $"{year}年" + (m.Groups["m"].Success ? $"{Int(m.Groups["m"])}月" : "");
            }
            else if (m.Groups["now"].Success)
            {
                // Against a publication date it is that date; against the latest date printed, about then.
                absolute = (m.Value.StartsWith('截') ? "截至" : "") + basis.Text + (basis.IsPublication ? "" : "前后");
            }
            else if (m.Groups["d1"].Success && basis.Month is { } month)
            {
                // A day without its month (11日至12日) is a day of the month the paper is dated.
                absolute = $"{basis.Year}年{month}月{Int(m.Groups["d1"])}日" + (m.Groups["d2"].Success ? $"至{Int(m.Groups["d2"])}日" : "");
            }
            else if ((m.Groups["that"].Success || m.Groups["after"].Success) && LastDateBefore(text, m.Index, resolved) is { } before)
            {
                absolute = m.Groups["after"].Success ? before + "以后" : before;
            }

            if (absolute is not null)
            {
                resolved.Add(new ResolvedDate(m.Index, m.Length, absolute));
            }
        }

        return resolved;
    }

    /// <summary>A phrase with its relative dates followed by the absolute ones: 今年5月份 → 今年5月份（2021年5月）.</summary>
    public static string Annotate(string text, DateBasis? basis)
    {
        var dates = Resolve(text, basis);
        for (int i = dates.Count - 1; i >= 0; i--)
        {
            int end = dates[i].Start + dates[i].Length;
            text = text[..end] + "（" + dates[i].Absolute + "）" + text[end..];
        }

        return text;
    }

    /// <summary>The last date printed, or resolved, before <paramref name="at"/>: what 当天 and 此后 refer to.</summary>
    private static string? LastDateBefore(string text, int at, List<ResolvedDate> resolved)
    {
        (int End, string Date)? last = null;
        foreach (Match m in FullDate().Matches(text[..at]))
        {
            last = (m.Index + m.Length, m.Value);
        }

        foreach (var r in resolved)
        {
            if (r.Start + r.Length <= at && (last is null || r.Start + r.Length > last.Value.End) && !r.Absolute.EndsWith("前后", StringComparison.Ordinal) && !r.Absolute.EndsWith("以后", StringComparison.Ordinal))
            {
                last = (r.Start + r.Length, r.Absolute);
            }
        }

        return last?.Date;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);
}
