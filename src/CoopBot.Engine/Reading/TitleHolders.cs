using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Who holds a title. Chinese news prints an official's title right before the name (省委书记张庆伟,
/// 广东省省长马兴瑞), so "who is the 省长" is answered by the name printed after 省长, not by whichever
/// name the sentence around it leads with (省委书记张庆伟率包括省长… puts 张庆伟 nearest the question's
/// words). Two readings keep the title to the one asked: a deputy (省委副书记) does not hold 书记, and a
/// title printed for another province (广东省委书记李希) does not answer 黑龙江省委书记; a provincial paper
/// prints its own province's officials without the province (省委书记张庆伟 in 黑龙江日报).
/// </summary>
public static partial class TitleHolders
{
    /// <summary>The title a "who" question asks the holder of, and the province it qualifies it with.</summary>
    /// <param name="Title">The title as the question words it (省长, 书记, 总经理).</param>
    /// <param name="Province">The province named right before it (广东省长 → 广东), or null.</param>
    /// <param name="Deputy">Whether the question asks for the deputy (副书记).</param>
    public sealed record AskedTitle(string Title, string? Province, bool Deputy);

    /// <summary>
    /// The title <paramref name="q"/> asks the holder of, when it is a "who" question whose asked-about
    /// noun (<see cref="RefusalFeatures.Head"/>) is a title; else null.
    /// </summary>
    public static AskedTitle? Asked(QuestionAnalysis q, IReadOnlyDictionary<string, double> weights)
    {
        if (q.Kind != AnswerKind.Person || RefusalFeatures.Head(q, weights) is not { Length: >= 2 } head || !SpanFeatures.IsTitle(head)
            || Roles.Any(r => head.EndsWith(r, StringComparison.Ordinal)))
        {
            return null;
        }

        int at = q.Normalized.IndexOf(head, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        // The province qualifies the title only where it stands right before it (广东省长, 广东省委书记,
        // 广东省的省长); in 哪位省长率团赴广东 it is where the holder went, not whose holder he is.
        string? province = null;
        var before = q.Normalized[..at].TrimEnd('的', '省', '委', '副', ' ');
        foreach (var word in weights.Keys)
        {
            var name = word.Length > 2 && word[^1] is '省' or '市' ? word[..^1] : word;
            if (HomeProvince.IsProvincialName(word) && before.EndsWith(name, StringComparison.Ordinal))
            {
                province = name;
            }
        }

        return new AskedTitle(head, province, at > 0 && q.Normalized[at - 1] == '副');
    }

    /// <summary>
    /// Where in <paramref name="text"/> a name may start that holds <paramref name="asked"/>: right after
    /// each printing of the title that is not a deputy's (unless a deputy is asked) and not another
    /// province's. <paramref name="home"/> is the archive's own province (<see cref="HomeProvince"/>),
    /// whose officials its paper prints without the province's name.
    /// </summary>
    public static IReadOnlyList<int> In(string text, AskedTitle asked, string? home) => Printed(text, asked, home, beforeName: true);

    private static IReadOnlyList<int> Printed(string text, AskedTitle asked, string? home, bool beforeName)
    {
        List<int>? found = null;
        for (int at = text.IndexOf(asked.Title, StringComparison.Ordinal); at >= 0; at = text.IndexOf(asked.Title, at + 1, StringComparison.Ordinal))
        {
            int end = at + asked.Title.Length;

            // Titles one person holds are listed with 、 before the name (省委副书记、省长胡昌升).
            while (end < text.Length && text[end] == '、' && NextTitle(text, end + 1) is > 0 and var length)
            {
                end += 1 + length;
            }

            bool name = end < text.Length && Text.TextSpans.IsHan(text[end]) && NotNames.IndexOf(text[end]) < 0;
            if ((beforeName && !name) || (at > 0 && text[at - 1] == '副') != asked.Deputy)
            {
                continue;
            }

            // The clause the title is printed in, up to it: 11日至12日,[广东省委副书记、]省长马兴瑞.
            int from = at;
            while (from > 0 && ClauseBreaks.IndexOf(text[from - 1]) < 0)
            {
                from--;
            }

            // The province nearest before the title is whose it is (上海市市长龚正与[北京]市市长殷勇).
            var clause = text.AsSpan(from, at - from);
            int last = LastProvince(clause);
            bool fits = asked.Province is null
                || (last >= 0 && clause[last..].StartsWith(asked.Province, StringComparison.Ordinal))
                || (last < 0 && asked.Province == home);
            if (fits)
            {
                (found ??= []).Add(end);
            }
        }

        return found ?? (IReadOnlyList<int>)[];
    }

    /// <summary>
    /// Whether <paramref name="text"/> prints the title asked only for another office, and before a name
    /// there: that of another province than the one the question names (广东省省长马兴瑞, asked 黑龙江省长是谁),
    /// or the deputy's where the title is asked (省委副书记胡昌升, asked 省委书记), or the other way round.
    /// Printed as asked anywhere, even before no name (现任院长为邓成明), it is not.
    /// </summary>
    public static bool OnlyForOthers(string text, AskedTitle asked, string? home) =>
        Printed(text, asked, home, beforeName: false).Count == 0
        && (In(text, asked with { Province = null }, home).Count > 0 || In(text, asked with { Province = null, Deputy = !asked.Deputy }, home).Count > 0);

    /// <summary>
    /// The person a question asks the title of (马兴瑞是什么职务, 胡昌升的职位是啥 → 马兴瑞, 胡昌升), or null.
    /// </summary>
    public static string? TitleAskedOf(QuestionAnalysis q)
    {
        var m = AsksTitleOf().Match(q.Normalized);
        return m.Success && m.Groups["name"].Value.Trim() is { Length: >= 2 } name && name.All(Text.TextSpans.IsHan) ? name : null;
    }

    /// <summary>
    /// The titles printed right before <paramref name="name"/> in <paramref name="text"/>, back to the clause's
    /// start (今年5月份,[省委副书记、省长]胡昌升率团…), when they end with a title; null when it prints none.
    /// </summary>
    public static (int Start, int Length)? TitleBefore(string text, string name)
    {
        for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            // Back over titles listed with 、 (省委副书记、省长), each ending like a title; not past another
            // name (与广东省委书记李希、[省长]马兴瑞) or the clause's start, nor a leading 与/和.
            int from = at;
            while (true)
            {
                int s = from;
                while (s > 0 && ClauseBreaks.IndexOf(text[s - 1]) < 0 && text[s - 1] != '、' && from - s < MaxTitles)
                {
                    s--;
                }

                while (s < from && NotNames.IndexOf(text[s]) >= 0)
                {
                    s++;
                }

                // A clause that holds another title before this one (省委书记吴政隆会见[浙江省委书记]) starts this
                // one at the province it names, or is no title at all.
                if (TitlesIn(text.AsSpan(s, from - s)) > 1)
                {
                    int province = LastProvince(text.AsSpan(s, from - s));
                    if (province < 0)
                    {
                        break;
                    }

                    s += province;
                }

                if (from - s < 2 || !SpanFeatures.IsTitle(text[s..from]) || !text[s..from].All(Text.TextSpans.IsHan))
                {
                    break;
                }

                from = s;
                if (from < 2 || text[from - 1] != '、')
                {
                    break;
                }

                from--;
            }

            if (from < at && text[from] == '、')
            {
                from++;
            }

            if (at - from >= 2)
            {
                return (from, at - from);
            }
        }

        return null;
    }

    private static int TitlesIn(ReadOnlySpan<char> text)
    {
        int n = 0;
        foreach (var title in SpanFeatures.Titles)
        {
            for (int at = text.IndexOf(title, StringComparison.Ordinal); at >= 0; at = NextIndex(text, title, at))
            {
                n++;
            }
        }

        return n;

        static int NextIndex(ReadOnlySpan<char> text, string title, int at)
        {
            int next = text[(at + 1)..].IndexOf(title, StringComparison.Ordinal);
            return next < 0 ? -1 : at + 1 + next;
        }
    }

    private static int LastProvince(ReadOnlySpan<char> text)
    {
        int last = -1;
        foreach (var province in HomeProvince.ProvincialNames)
        {
            last = Math.Max(last, text.LastIndexOf(province, StringComparison.Ordinal));
        }

        return last;
    }

    /// <summary>Longest run of titles read before a name (省委副书记、省长; 广东省委副书记、省长).</summary>
    private const int MaxTitles = 16;

    [System.Text.RegularExpressions.GeneratedRegex("^(?<name>[^，,。？?]{2,8}?)(?:是|的|担任|任)(?:什么|啥|哪个|何)(?:职务|职位|官职|头衔|身份|官)|^(?<name>[^，,。？?]{2,8}?)的(?:职务|职位|官职|头衔|身份)(?:是|为)(?:什么|啥)|^(?<name>[^，,。？?]{2,8}?)是(?:干|做)什么的")]
    private static partial System.Text.RegularExpressions.Regex AsksTitleOf();

    /// <summary>Whether <paramref name="value"/>, printed at one of <paramref name="starts"/>, reads as a person's name.</summary>
    public static bool IsHolder(string value, int start, IReadOnlyList<int> starts) =>
        starts.Contains(start) && value.Length is >= 2 and <= 4 && value.All(Text.TextSpans.IsHan)
        && NotNames.IndexOf(value[0]) < 0 && !Text.Synonyms.Shared.IsVerb(value[..2]) && value[^1] is not ('省' or '市' or '县' or '区');

    /// <summary>The length of the title printed at <paramref name="at"/> (省长, 市委书记), or 0.</summary>
    private static int NextTitle(string text, int at)
    {
        for (int length = 2; length <= MaxTitle && at + length <= text.Length; length++)
        {
            if (SpanFeatures.IsTitle(text.Substring(at, length)))
            {
                return length;
            }
        }

        return 0;
    }

    private const int MaxTitle = 8;

    /// <summary>
    /// Roles, not offices: printed after the name as often as before it (鲁迅著, 张艺谋导演), and before it with
    /// other words (作者是外邦人), so a name after them says little. DRCD: 《光學》的作者是誰 was answered 外邦人.
    /// </summary>
    private static readonly string[] Roles = ["作者", "演员", "歌手", "导演", "创始人", "博士", "教授"];

    private const string ClauseBreaks = ",，。;；!！?？:： \n";

    /// <summary>Characters a name does not open with: particles, prepositions, conjunctions (省长和省级… is no name).</summary>
    private const string NotNames = "的地得了着过在是则自起有来于从向到以为把被将等和与及或并而率带";
}
