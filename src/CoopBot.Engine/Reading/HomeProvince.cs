namespace CoopBot.Engine.Reading;

/// <summary>
/// The province whose newspaper the pages are. A provincial paper writes 我省 for its own province
/// (我省已派出2546名干部赴广东…), while people ask with its name (黑龙江派了多少干部…); reading 我省 as
/// that name is what any reader of the paper does.
/// </summary>
/// <remarks>
/// Found from the pages themselves: the province whose party paper they name most (黑龙江日报全媒体记者 …
/// 摄, or a masthead), counted over the indexed passages. One province for the whole archive: an
/// archive mixing several provinces' papers reads 我省 as the one named most.
/// </remarks>
public static class HomeProvince
{
    /// <summary>Provinces (not municipalities or regions, which say 我市 and 我区) and their party papers.</summary>
    internal static readonly IReadOnlyList<(string Province, string Paper)> Papers =
    [
        ("河北", "河北日报"), ("山西", "山西日报"), ("辽宁", "辽宁日报"), ("吉林", "吉林日报"), ("黑龙江", "黑龙江日报"),
        ("江苏", "新华日报"), ("浙江", "浙江日报"), ("安徽", "安徽日报"), ("福建", "福建日报"), ("江西", "江西日报"),
        ("山东", "大众日报"), ("河南", "河南日报"), ("湖北", "湖北日报"), ("湖南", "湖南日报"), ("广东", "南方日报"),
        ("海南", "海南日报"), ("四川", "四川日报"), ("贵州", "贵州日报"), ("云南", "云南日报"), ("陕西", "陕西日报"),
        ("甘肃", "甘肃日报"), ("青海", "青海日报"),
    ];

    /// <summary>What a provincial paper calls its own province.</summary>
    public const string OwnProvince = "我省";

    /// <summary>
    /// The province named by the most passages through its paper, given a count of the passages that
    /// print a phrase; null when none is named, or two are named equally often.
    /// </summary>
    public static string? Find(Func<string, int> passagesPrinting)
    {
        string? best = null;
        int most = 0;
        bool tie = false;
        foreach (var (province, paper) in Papers)
        {
            int n = passagesPrinting(paper);
            if (n > most)
            {
                (best, most, tie) = (province, n, false);
            }
            else if (n == most && n > 0)
            {
                tie = true;
            }
        }

        return tie ? null : best;
    }

    /// <summary>What a paper writes for its own province and the one it is paired with.</summary>
    public const string BothProvinces = "两省";

    /// <summary>
    /// The province a home province's pages pair it with (广东 in 黑龙江日报's pages on the paired cooperation):
    /// the other province printed in the most passages, when at least a few passages say 两省 and it is
    /// printed in clearly more passages than the next (twice as many); else null.
    /// </summary>
    public static string? Partner(string? home, Func<string, int> passagesPrinting)
    {
        if (home is null || passagesPrinting(BothProvinces) < 3)
        {
            return null;
        }

        var counts = ProvincialNames.Where(p => p != home).Select(p => (Province: p, Passages: passagesPrinting(p))).OrderByDescending(x => x.Passages).Take(2).ToList();
        return counts.Count > 0 && counts[0].Passages > 0 && counts[0].Passages >= 2 * (counts.Count > 1 ? counts[1].Passages : 0) ? counts[0].Province : null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> says 两省 and <paramref name="word"/> (a question's keyword) names one of the
    /// two: 两省…推动14对职业教育院校建立结对关系 states what 广东 and 黑龙江 did.
    /// </summary>
    public static bool PairNamedIn(string word, string text, string? home, string? partner) =>
        partner is not null && (Names(word, home) || Names(word, partner)) && text.Contains(BothProvinces, StringComparison.Ordinal);

    /// <summary><paramref name="home"/> when <paramref name="text"/> says 我省 (so speaks of it), else null.</summary>
    public static string? SaidIn(string text, string? home) =>
        home is not null && text.Contains(OwnProvince, StringComparison.Ordinal) ? home : null;

    /// <summary>Whether <paramref name="word"/> (a question's keyword) names <paramref name="home"/>, as 黑龙江 or 黑龙江省.</summary>
    public static bool Names(string word, string? home) =>
        home is not null && word.StartsWith(home, StringComparison.Ordinal) && (word.Length == home.Length || (word.Length == home.Length + 1 && word[^1] == '省'));

    /// <summary>Provincial-level names that say 我市 or 我区 or have no provincial party paper listed here.</summary>
    private static readonly string[] OtherProvincial = ["北京", "天津", "上海", "重庆", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "台湾"];

    /// <summary>Every provincial-level name, without 省 or 市 (江苏, 上海, 新疆).</summary>
    internal static IReadOnlyList<string> ProvincialNames => _provincialNames ??= [.. Papers.Select(p => p.Province), .. OtherProvincial];

    private static string[]? _provincialNames;

    /// <summary>Whether <paramref name="word"/> is the name of a province, municipality or region (江苏, 辽宁省, 上海市, 新疆).</summary>
    public static bool IsProvincialName(string word)
    {
        var name = word.Length > 2 && word[^1] is '省' or '市' ? word[..^1] : word;
        return OtherProvincial.Contains(name, StringComparer.Ordinal) || Papers.Any(p => p.Province == name);
    }

    /// <summary>Whether any of <paramref name="keywords"/> names a province that has a paper here.</summary>
    public static bool AnyNamed(IEnumerable<string> keywords) =>
        keywords.Any(k => Papers.Any(p => Names(k, p.Province)));
}
