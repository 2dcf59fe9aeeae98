using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// "What else is it called": a question that asks a name by an alias cue (又叫什么, 别名是什么, 俗称什么,
/// 原名叫什么, 简称是什么, and their Traditional forms) is answered with what the passage prints after a cue
/// of the same kind, in a sentence that names the subject: 凉茶舖，又名凉茶店，是… → 凉茶店;
/// 软枝黄蝉（学名：），别称黄莺、小黄蝉、重瓣黄蝉… → the whole list, up to the clause's end. Encyclopaedia and
/// news text print an alias as an apposition right after its cue; the span ranker, which scores a span by
/// the question's words around it, had taken a description (一个咸水湖) or a fragment of the subject.
/// </summary>
public static partial class Aliases
{
    /// <summary>What kind of other name is asked.</summary>
    public enum NameKind
    {
        /// <summary>Another name in use (又称, 别名, 俗称, 也叫).</summary>
        Alias,

        /// <summary>A former or birth name (原名, 本名, 旧称, 古称).</summary>
        Former,

        /// <summary>A short name (简称).</summary>
        Short,
    }

    /// <summary>An alias question: the kind of name, the cue as asked, and the subject's characters (the question before the cue).</summary>
    /// <param name="Kind">The kind of name asked.</param>
    /// <param name="Cue">The cue as the question prints it (俗名, 又叫).</param>
    /// <param name="Subject">The question's text before the cue: what the other name is of.</param>
    public sealed record Asked(NameKind Kind, string Cue, string Subject);

    /// <summary>The alias <paramref name="q"/> asks for, or null when it asks something else (为什么又叫十分钟机场 asks why).</summary>
    public static Asked? In(QuestionAnalysis q)
    {
        var m = AskedCue().Match(q.Normalized);
        if (!m.Success)
        {
            return null;
        }

        var cue = m.Groups["cue"].Value;
        var subject = q.Normalized[..m.Index].TrimEnd('的', '又', '也', '还', '亦', '，', ',', ' ');
        if (subject.Length == 0)
        {
            return null;
        }

        var kind = cue switch
        {
            "原名" or "本名" or "旧称" or "古称" or "旧名" or "原称" => NameKind.Former,
            "简称" => NameKind.Short,
            _ => NameKind.Alias,
        };
        return new Asked(kind, cue, subject);
    }

    /// <summary>
    /// Where <paramref name="passage"/> prints the name asked: the text after a cue of the kind asked, to the
    /// end of its clause (brackets inside it kept whole), in the sentence that holds at least half of the
    /// subject's characters before the cue; the cue the question used first, then the earliest. Null when none.
    /// </summary>
    public static (int Start, int Length)? Find(PreparedPassage passage, Asked asked) =>
        CuedClauses.After(passage, Cues(asked.Kind), asked.Subject, printed => SameCue(printed, asked.Cue), subjectInPassage: false, preferAfterSubject: false);

    /// <summary>Whether the passage's cue is the question's, or its twin (俗称 and 俗名 both give the everyday name).</summary>
    private static bool SameCue(string printed, string asked) =>
        printed == asked || (printed is "俗称" or "俗名" && asked is "俗称" or "俗名");

    private static Regex Cues(NameKind kind) => kind switch
    {
        NameKind.Former => FormerCues(),
        NameKind.Short => ShortCues(),
        _ => AliasCues(),
    };

    // Questions come normalised to Simplified script, so one set of cues serves both scripts.
    [GeneratedRegex("(?<cue>(?:又|也|还|亦|或|另|通常|一般)(?:可以|可|会|常)?(?:被)?(?:称之为|称作|称为|叫做|叫作|称|叫|名)|俗称|俗名|别名|别称|又名|简称|旧称|古称|原名|本名|通称|旧名|原称)(?:为|作|做|是|叫|叫做)?(?:什么|啥|甚么)")]
    private static partial Regex AskedCue();

    [GeneratedRegex("(?<cue>又称之为|又被称为|也被称为|还被称为|亦被称为|又称为|又称作|也称为|也称作|又叫做|也叫做|又称|又名|又叫|亦称|亦名|也称|也叫|或称|别称|别名|俗称|俗名|通称|另称|又译|又作|亦作)(?:为|作|做)?")]
    private static partial Regex AliasCues();

    [GeneratedRegex("(?<cue>原名|本名|旧称|古称|旧名|原称)(?:为|作|做|是)?")]
    private static partial Regex FormerCues();

    [GeneratedRegex("(?<cue>简称)(?:为|作|做|是)?")]
    private static partial Regex ShortCues();
}
