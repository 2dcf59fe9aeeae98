using System.Text.RegularExpressions;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Who took a news photo: a news page credits each photo under its caption, in a fixed form
/// (签约仪式现场。 黑龙江日报全媒体记者 桑蕾 摄; 新华社记者 王鹏 摄; 摄影：张洋; 图/李明). A question asking who
/// took a photo (照片是谁拍的, 那張照片是誰拍攝的) is answered with the name(s) the credit of the best passage
/// prints, rather than left to the span ranker, which learned from encyclopaedia paragraphs that
/// have no credits (it answered 签约仪式现场, the caption); and when that passage prints no credit, it
/// does not say who took the photo, so the question is not answered from it. Likewise who wrote an article
/// (那篇报道的记者是谁) is the names its byline prints (□黑龙江日报全媒体记者 黄春英).
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

    // A reporter's names in a byline: after the paper's 记者/通讯员 title, two to four characters each, separated by
    // spaces (□黑龙江日报全媒体记者 桑蕾 黄春英; 本报记者 王鹏 通讯员 李明).
    [GeneratedRegex(@"(?:记者|通讯员|撰稿|文)\s*[:：/]?\s*((?:[\u4e00-\u9fff·]{2,6}(?:[\s\u3000、]+(?:通讯员\s*)?)?)*[\u4e00-\u9fff·]{2,6})\s*$")]
    private static partial Regex BylineNames();

    // Who wrote or reported it: 记者是谁, 作者是谁, 哪个记者写的, 谁写的那篇报道; not a photo (照片是谁拍的).
    [GeneratedRegex("(记者|作者|撰稿|执笔|署名|谁写|写的|采写)")]
    private static partial Regex AsksWriter();

    [GeneratedRegex("(谁|哪位|哪个|哪名|叫什么|是啥)")]
    private static partial Regex AsksWho();

    [GeneratedRegex("(报道|文章|稿子|稿件|那篇|这篇|哪篇|新闻|报纸|日报)")]
    private static partial Regex NamesAnArticle();

    /// <summary>
    /// Whether <paramref name="q"/> asks who wrote an article (讲2546名干部赴粤学习那篇稿子是哪个记者写的, 那篇文章的记者是谁):
    /// a question of a writer and of an article, not of a photo.
    /// </summary>
    public static bool AsksWhoWrote(QuestionAnalysis q) =>
        AsksWriter().IsMatch(q.Normalized) && AsksWho().IsMatch(q.Normalized) && NamesAnArticle().IsMatch(q.Normalized) && !NamesPhoto().IsMatch(q.Normalized) && !AsksTaker().IsMatch(q.Normalized);

    /// <summary>Words about the article and its writing (记者, 那篇, 报道), not about what it reports.</summary>
    private static readonly HashSet<string> WritingWords = new(StringComparer.Ordinal)
    {
        "记者", "作者", "撰稿", "撰稿人", "执笔", "署名", "写", "写的", "撰写", "采写", "报道", "文章", "稿子", "稿件", "稿", "篇", "那篇", "这篇", "哪篇",
        "新闻", "报纸", "日报", "报", "讲", "说", "那", "这", "哪个", "谁", "是", "的",
    };

    /// <summary>The share of the weight of what the article reports (the question's keywords other than <see cref="WritingWords"/>) that <paramref name="folded"/> prints; 0 when the question names no topic.</summary>
    /// <param name="folded">The passage, folded.</param>
    /// <param name="weights">The question's keywords and their weights.</param>
    /// <param name="question">The question, normalised: a word it prints as a paper's name (黑龙江 of 黑龙江日报) is not the topic either.</param>
    public static double TopicCoverage(string folded, IReadOnlyDictionary<string, double> weights, string question) =>
        CoverageWithout(folded, weights, w => WritingWords.Contains(w) || question.Contains(w + "日报", StringComparison.Ordinal) || question.Contains(w + "报", StringComparison.Ordinal));

    /// <summary>The share of the weight of the keywords not <paramref name="left"/> out that <paramref name="folded"/> prints (0 when none is left).</summary>
    private static double CoverageWithout(string folded, IReadOnlyDictionary<string, double> weights, Func<string, bool> left) =>
        PassageSearcher.Coverage(folded, weights.Where(w => !left(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal));

    /// <summary>The reporters' names in a byline (start, length), or null when it names none.</summary>
    public static (int Start, int Length)? Reporters(string byline)
    {
        var m = BylineNames().Match(byline);
        return m.Success ? (m.Groups[1].Index, m.Groups[1].Length) : null;
    }

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
    public static double SceneCoverage(string folded, IReadOnlyDictionary<string, double> weights) =>
        CoverageWithout(folded, weights, PhotoWords.Contains);

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
