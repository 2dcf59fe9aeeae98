using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// "Where is it": a question that asks where its subject stands, lives or is found, with the question word
/// closing it (深水埗关帝庙在哪里, 天生三桥位于什么地方, 六耳铃分布在哪些地区, 印度野驴栖息在哪儿), is answered with
/// the clause the passage prints after a cue of that kind (位于/坐落于/地处…, 分布于…, 栖息于/生活在…) about the
/// subject: 深水埗关帝庙，位于九龙深水埗海坛街与界限街交界，… → 九龙深水埗海坛街与界限街交界. The span ranker had
/// taken a word near the subject (二级历史建筑物, 英里).
/// </summary>
public static partial class Locations
{
    /// <summary>What kind of place is asked.</summary>
    public enum PlaceKind
    {
        /// <summary>Where it stands (在哪里, 位于哪里, 地址是哪里).</summary>
        Site,

        /// <summary>Where a species or people is found (分布在哪些地区).</summary>
        Range,

        /// <summary>Where an animal lives (栖息在哪儿, 生活在什么地方).</summary>
        Habitat,
    }

    /// <summary>A "where is it" question: the kind of place and its subject (the question before the predicate).</summary>
    /// <param name="Kind">The kind of place asked.</param>
    /// <param name="Subject">The question's text before the predicate, without a word that only names the location (的地址, 的位置).</param>
    /// <param name="Head">What of the subject is asked, after its last 的 (发源地 of 天水围河的发源地, 县政府驻点), or null; one
    /// character is no head (说勉语的人: the 的 opens a relative clause).</param>
    public sealed record Asked(PlaceKind Kind, string Subject, string? Head);

    /// <summary>The place <paramref name="q"/> asks for, or null when it asks something else (哪一年, 哪个城市 come with their own noun).</summary>
    public static Asked? In(QuestionAnalysis q)
    {
        var text = q.Normalized;
        foreach (var (pattern, kind) in new[] { (RangeAsked(), PlaceKind.Range), (HabitatAsked(), PlaceKind.Habitat), (SiteAsked(), PlaceKind.Site) })
        {
            var m = pattern.Match(text);
            if (m.Success)
            {
                var subject = LocationWord().Replace(SubjectEnd().Replace(text[..m.Index], ""), "");
                int of = subject.LastIndexOf('的');
                return subject.Length == 0 ? null : new Asked(kind, subject, of > 0 && of < subject.Length - 2 ? subject[(of + 1)..] : null);
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="passage"/> prints the place asked (<see cref="CuedClauses.After"/>), or null.</summary>
    public static (int Start, int Length)? Find(PreparedPassage passage, Asked asked) =>
        CuedClauses.After(passage, asked.Kind switch { PlaceKind.Range => RangeCues(), PlaceKind.Habitat => HabitatCues(), _ => SiteCues() }, asked.Subject, _ => false, subjectInPassage: true, preferAfterSubject: true, asked.Head);

    // The question word closes the question. 在 follows the subject as the verb "to be at", not as the
    // complement of another verb (坐在什么位置, 葬在哪里, 发生在哪里, 定都在, 安排在).
    private const string Closing = "[呢啊呀]?[\\p{P}\\s]*$";

    // 六耳铃主要分布在…, 总部目前在…: adverbs and particles between the subject and its predicate.
    [GeneratedRegex("(?:的|都|还|又|也|主要|目前|现在|如今|具体|详细|，|,|\\s)+$")]
    private static partial Regex SubjectEnd();

    // 北上车站的地址, 阿尔坎塔拉的地理位置, 水泽江刺车站所处的位置: words that only name the location asked.
    [GeneratedRegex("(?:的)?(?:具体|详细)?(?:地理位置|所在位置|位置|地址|所在地|地点|所在)$|所处的位置$")]
    private static partial Regex LocationWord();

    [GeneratedRegex("(?:分布在|分布于|分布)(?:哪里|哪儿|哪些地方|哪些地区|哪个地区|什么地方|何处|哪些国家|哪些区域|什么地区|哪)" + Closing)]
    private static partial Regex RangeAsked();

    [GeneratedRegex("(?:栖息在|栖息于|栖息|生活在|生活于)(?:哪里|哪儿|哪些地方|什么地方|何处|什么环境|哪)" + Closing)]
    private static partial Regex HabitatAsked();

    [GeneratedRegex("(?:(?<![坐住葬生死现落放停藏埋存留躲站睡挂写刻印贴布息活都排])在|位于|坐落于|坐落在|位置在|位置是|地址是|地址在|地点是|地点在|位在|处于)(?:哪里|哪儿|何处|什么地方|何地|什么位置|哪个位置|哪)" + Closing)]
    private static partial Regex SiteAsked();

    [GeneratedRegex("(?<cue>位于|坐落于|坐落在|座落于|座落在|地处|位处|位在|地址为|地址是|地址：|地址:|设于|设在)")]
    private static partial Regex SiteCues();

    [GeneratedRegex("(?<cue>分布于|分布在)")]
    private static partial Regex RangeCues();

    [GeneratedRegex("(?<cue>栖息于|栖息在|生活于|生活在)")]
    private static partial Regex HabitatCues();
}
