using System.Text.RegularExpressions;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Who took a news photo: a news page credits each photo under its caption, in a fixed form
/// (签约仪式现场。 黑龙江日报全媒体记者 桑蕾 摄; 新华社记者 王鹏 摄; 摄影：张洋; 图/李明). A question asking who
/// took a photo (照片是谁拍的, 那張照片是誰拍攝的) is answered with the name(s) the credit of the best passage
/// prints, rather than left to the span ranker, which learned from encyclopaedia paragraphs that
/// have no credits (it answered 签约仪式现场, the caption); and when that passage prints no credit, it
/// does not say who took the photo, so the question is not answered from it.
/// </summary>
public static partial class Credits
{
    // The photographer's names as printed: two to four characters each (a · for transliterations),
    // separated by spaces, between a reporter's title and 摄, or after 摄影：/图/.
    [GeneratedRegex(@"(?:记者|通讯员|摄影师|特约摄影)\s*((?:[\u4e00-\u9fff·]{2,6}[\s\u3000]+)*[\u4e00-\u9fff·]{2,6})[\s\u3000]*摄(?![\u4e00-\u9fff])|(?:摄影|图)\s*[:：/]\s*((?:[\u4e00-\u9fff·]{2,6}[\s\u3000]+)*[\u4e00-\u9fff·]{2,6})")]
    private static partial Regex PhotoCredit();

    // 谁拍的, 谁拍摄的, 哪位记者拍的, 摄影者是谁 — a taker asked for; of a photo, not a film (谁拍摄了这部电影).
    [GeneratedRegex("拍|摄")]
    private static partial Regex AsksTaker();

    [GeneratedRegex("照片|相片|图片|合影|[这那哪]张|[这那哪]幅")]
    private static partial Regex NamesPhoto();

    /// <summary>Whether <paramref name="q"/> asks who took a photo (签约仪式那张照片是谁拍的).</summary>
    public static bool AsksWhoTookPhoto(QuestionAnalysis q) => q.Kind == AnswerKind.Person && AsksTaker().IsMatch(q.Normalized) && NamesPhoto().IsMatch(q.Normalized);

    /// <summary>Words about the photo itself (照片, 拍摄, 那张), not about what it shows.</summary>
    private static readonly HashSet<string> PhotoWords = new(StringComparer.Ordinal)
    {
        "照片", "相片", "图片", "照", "图", "张", "幅", "拍", "拍摄", "拍照", "摄", "摄影", "记者", "摄影师", "那张", "这张", "那", "这",
    };

    /// <summary>
    /// The share of the weight of what the photo shows (the question's keywords other than the photo
    /// words) that <paramref name="folded"/> prints: a caption is about its scene, and never prints
    /// 照片 or 拍.
    /// </summary>
    public static double SceneCoverage(string folded, IReadOnlyDictionary<string, double> weights)
    {
        var scene = weights.Where(w => !PhotoWords.Contains(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        return PassageSearcher.Coverage(folded, scene);
    }

    /// <summary>The photographer's names in <paramref name="text"/> (start, length), or null when it prints no photo credit.</summary>
    public static (int Start, int Length)? Photographer(string text)
    {
        var m = PhotoCredit().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var g = m.Groups[1].Success ? m.Groups[1] : m.Groups[2];
        return (g.Index, g.Length);
    }
}
