using System.Text;

namespace CoopBot.Tests.Shared;

/// <summary>What <see cref="ArchiveGenerator.Write"/> wrote.</summary>
/// <param name="Files">Page files written.</param>
/// <param name="Bytes">Their size in UTF-8.</param>
/// <param name="Articles">Articles printed, repeats included.</param>
/// <param name="Repeats">Articles printed again on a later page (duplicates the index must detect).</param>
/// <param name="FirstDay">Publication date of the first page.</param>
/// <param name="LastDay">Publication date of the last page.</param>
public sealed record ArchiveSummary(int Files, long Bytes, int Articles, int Repeats, DateOnly FirstDay, DateOnly LastDay);

/// <summary>
/// Writes an archive of newspaper pages shaped like the seed page, for measuring at scale (issue 12).
/// Each page file is dated in its name (<c>2015-01-01-p03.txt</c>, twenty pages a day). A page holds
/// an optional banner headline and two to five articles. Each article has a headline, a byline
/// (□本报记者 …) and paragraphs of consecutive sentences of one source text, its figures varied. Some articles carry a photo caption
/// (… 本报资料片, … 本报记者 … 摄); some have a paragraph cut in two by a page break, with the caption
/// printed between the halves, as the seed prints it. About one article in twenty is reprinted from an
/// earlier day, so duplicate detection has work to do.
/// The text comes from paragraphs we may ship in a test run (the seed, CMRC 2018 articles, CC BY-SA);
/// nothing is invented but the names in bylines. The same seed and sources give the same bytes.
/// </summary>
public static class ArchiveGenerator
{
    private const int PagesPerDay = 20;

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private const string Given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建林文斌宇浩凯晨旭东雪琳晶欣然博阳帆蕾春";

    /// <summary>
    /// Writes pages into <paramref name="dir"/> until they hold at least <paramref name="bytes"/> bytes.
    /// </summary>
    /// <param name="dir">The folder to write into (created; existing page files of the same names are replaced).</param>
    /// <param name="bytes">How much text to write, in UTF-8 bytes.</param>
    /// <param name="seed">The random seed: the same seed and sources give the same files.</param>
    /// <param name="sources">Source texts, each split into paragraphs at blank lines or line breaks.</param>
    /// <param name="firstDay">The first page's date.</param>
    public static ArchiveSummary Write(string dir, long bytes, int seed, IReadOnlyList<string> sources, DateOnly firstDay)
    {
        var texts = sources
            .Select(s => s.Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(p => p.Length >= 20).ToArray())
            .Where(p => p.Length > 0)
            .ToList();
        if (texts.Count == 0)
        {
            throw new ArgumentException("No source paragraphs of 20 characters or more.", nameof(sources));
        }

        Directory.CreateDirectory(dir);
        var random = new Random(seed);
        var printed = new List<string>();
        long written = 0;
        int files = 0, articles = 0, repeats = 0;
        var day = firstDay;
        var encoding = new UTF8Encoding(false);
        while (written < bytes)
        {
            day = firstDay.AddDays(files / PagesPerDay);
            var page = new StringBuilder();
            if (random.NextDouble() < 0.3)
            {
                page.Append(Headline(texts[random.Next(texts.Count)][0], random, 12)).Append("\n\n\n");
            }

            int count = random.Next(2, 6);
            for (int a = 0; a < count; a++)
            {
                string article;
                if (printed.Count > 50 && random.NextDouble() < 0.05)
                {
                    article = printed[random.Next(printed.Count)];
                    repeats++;
                }
                else
                {
                    article = Article(texts[random.Next(texts.Count)], random);
                    printed.Add(article);
                }

                page.Append(article).Append("\n\n\n\n");
                articles++;
            }

            var text = page.ToString();
            File.WriteAllText(Path.Combine(dir, $"{day:yyyy-MM-dd}-p{(files % PagesPerDay) + 1:00}.txt"), text, encoding);
            written += encoding.GetByteCount(text);
            files++;
        }

        return new ArchiveSummary(files, written, articles, repeats, firstDay, day);
    }

    private static string Article(string[] paragraphs, Random random)
    {
        // A story of its own from a source text: paragraphs of two to six consecutive sentences from a
        // random place in it, with its figures varied (the same length, another value), so that an
        // archive far larger than the sources is not one text repeated, while it reads like them.
        var sentences = paragraphs.SelectMany(Sentences).ToList();
        int count = Math.Min(sentences.Count, random.Next(4, 25));
        int at = random.Next(0, sentences.Count - count + 1);
        var body = new List<string>();
        while (count > 0)
        {
            int n = Math.Min(count, random.Next(2, 7));
            body.Add(Vary(string.Concat(sentences.Skip(at).Take(n)), random));
            at += n;
            count -= n;
        }

        var sb = new StringBuilder();
        sb.Append(Headline(body[0], random, 20)).Append("\n\n");
        sb.Append(random.NextDouble() < 0.5 ? "□本报记者 " : "□黑龙江日报全媒体记者 ").Append(Name(random));
        if (random.NextDouble() < 0.4)
        {
            sb.Append(' ').Append(Name(random));
        }

        sb.Append("\n\n");
        string? caption = random.NextDouble() < 0.4 ? Caption(body[random.Next(body.Count)], random) : null;
        int split = caption is not null && random.NextDouble() < 0.5 ? random.Next(body.Count) : -1;
        for (int i = 0; i < body.Count; i++)
        {
            var p = body[i];
            if (i == split && p.Length >= 40)
            {
                // A page break cuts the paragraph mid-sentence; the photo and its caption stand between the halves.
                int cut = random.Next(p.Length / 3, (2 * p.Length) / 3);
                sb.Append(p[..cut]).Append("\n\n\n\n").Append(caption).Append("\n\n").Append(p[cut..]).Append("\n\n");
                caption = null;
            }
            else
            {
                sb.Append(p).Append("\n\n");
            }
        }

        if (caption is not null)
        {
            sb.Append(caption).Append("\n\n");
        }

        return sb.ToString().TrimEnd('\n');
    }

    private static IEnumerable<string> Sentences(string paragraph) =>
        CoopBot.Engine.Text.TextSpans.Sentences(paragraph).Where(x => x.End > x.Start).Select(x => paragraph[x.Start..x.End]);

    /// <summary>
    /// Each figure varied: its first digit kept (a year stays in its millennium, 0.5 stays under one),
    /// the digits after it drawn anew.
    /// </summary>
    private static string Vary(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (int i = 1; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i]) && char.IsAsciiDigit(chars[i - 1]))
            {
                chars[i] = (char)('0' + random.Next(10));
            }
        }

        return new string(chars);
    }

    /// <summary>A headline from a paragraph's first clause, without its closing punctuation.</summary>
    private static string Headline(string paragraph, Random random, int max)
    {
        var text = paragraph.Replace("（）", "", StringComparison.Ordinal).Replace("()", "", StringComparison.Ordinal);
        int end = text.Length > 6 ? text.IndexOfAny(['，', ',', '。', '；', ';', '：', ':'], 6) : -1;
        var clause = (end > 0 ? text[..end] : text).Trim();
        return clause.Length <= max ? clause : clause[..random.Next(Math.Min(8, max), max + 1)];
    }

    private static string Caption(string paragraph, Random random) =>
        Headline(paragraph, random, 24) + (random.NextDouble() < 0.5 ? " 本报资料片" : $" 本报记者 {Name(random)} 摄");

    private static string Name(Random random) =>
        string.Concat(Surnames[random.Next(Surnames.Length)], Given[random.Next(Given.Length)], random.NextDouble() < 0.6 ? Given[random.Next(Given.Length)].ToString() : "");
}
