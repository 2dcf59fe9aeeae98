using System.Text.RegularExpressions;

namespace CoopBot.Engine.Ingestion;

/// <summary>What a single printed line looks like on its own, before its neighbours are considered.</summary>
internal enum LineShape
{
    Body,
    HeadingLike,
    Byline,
    Credit,
    Caption,
}

/// <summary>
/// Recognises the furniture of a Chinese newspaper page by its printed conventions: bylines open
/// with a box (□) and name reporters, photo credits end in 摄, captions end with a picture source
/// (本报资料片, 资料图, 新华社发…), headings are short lines without sentence punctuation.
/// </summary>
internal static partial class LineClassifier
{
    /// <summary>Headings and titles longer than this are very rare; body lines usually are longer.</summary>
    public const int MaxHeadingLength = 32;

    [GeneratedRegex(@"^[□■◇◆▲△●○]\s*\S.{0,60}$")]
    private static partial Regex BoxedByline();

    [GeneratedRegex(@"^(本报|新华社|新华网|人民日报|中新社)?(全媒体|融媒体)?(记者|通讯员|特约记者)[\s\u3000]+[\p{IsCJKUnifiedIdeographs}\s\u3000·]{2,30}$")]
    private static partial Regex PlainByline();

    [GeneratedRegex(@"(记者|通讯员|摄影|图)[^。，,]{0,40}[\s\u3000]摄$|^(摄影|图)[:：][^。]{1,30}$")]
    private static partial Regex PhotoCredit();

    [GeneratedRegex(@"(本报资料片|资料片|资料图片|资料图|新华社发|新华社记者.{1,10}摄|供图|(图片)?由.{1,20}提供|图为.{0,60})[)）]?$")]
    private static partial Regex CaptionSuffix();

    private static readonly char[] SentencePunctuation = ['，', ',', '。', '；', ';', '、', '：', ':'];

    public static LineShape Classify(string line)
    {
        if (BoxedByline().IsMatch(line) && (line.Contains("记者") || line.Contains("通讯员") || line.Contains("编辑") || line.Length <= 40))
        {
            return LineShape.Byline;
        }

        if (PlainByline().IsMatch(line))
        {
            return LineShape.Byline;
        }

        if (line.Length <= 60 && PhotoCredit().IsMatch(line))
        {
            return LineShape.Credit;
        }

        if (line.Length <= 120 && CaptionSuffix().IsMatch(line))
        {
            return LineShape.Caption;
        }

        if (IsHeadingLike(line))
        {
            return LineShape.HeadingLike;
        }

        return LineShape.Body;
    }

    /// <summary>Short, and free of the punctuation that sentences carry.</summary>
    /// <remarks>Headlines may end in ! or ? (<c>总签约额近5000亿!</c>); a full stop makes it a sentence.</remarks>
    public static bool IsHeadingLike(string line) =>
        line.Length <= MaxHeadingLength && line.IndexOfAny(SentencePunctuation) < 0 && line[^1] is not ('.' or '…');

    /// <summary>
    /// A short line that ends like a sentence but has no clause inside it (<c>签约仪式现场。</c>): printed
    /// next to a photo credit, it is a caption rather than a paragraph.
    /// </summary>
    public static bool IsShortCaptionSentence(string line) =>
        line.Length <= 24 && line.IndexOfAny(['，', ',', '；', ';', '：', ':']) < 0;

    /// <summary>Whether a paragraph ends here in print, rather than being cut by a page or column break.</summary>
    public static bool EndsSentence(string line)
    {
        if (line.Length == 0)
        {
            return true;
        }

        return line[^1] is '。' or '！' or '？' or '!' or '?' or '；' or ';' or '…' or '”' or '"' or '」' or '』' or '）' or ')' or '：' or ':' or '.';
    }
}
