using System.Security.Cryptography;
using System.Text;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Ingestion;

/// <summary>
/// Splits the extracted text of a newspaper page into articles. An article starts with a title of
/// one or two lines followed by a byline; a longer run of headline-like lines above a byline is a
/// page banner followed by the one-line title. Inside an article, captions, photo credits and
/// headings are kept apart from paragraphs, and paragraphs that a page or column break cut in two
/// are joined again, across any caption printed in between.
/// </summary>
public static class PageParser
{
    private sealed class Line(string text, LineShape shape)
    {
        public string Text { get; } = text;

        public LineShape Shape { get; set; } = shape;
    }

    /// <summary>Parses one page.</summary>
    /// <param name="text">The page text, LF line endings.</param>
    /// <param name="source">The file name, relative to the seeds folder; the title of last resort.</param>
    public static IReadOnlyList<Article> Parse(string text, string source)
    {
        var raw = text.Split('\n')
            .Select(l => l.Trim().Trim('\uFEFF'))
            .Where(l => l.Length > 0)
            .ToList();

        // A dateline alone at the top of the page dates it (when the file name does not) and is not text of any article.
        DateOnly? dateline = null;
        for (int i = 0; i < Math.Min(PublicationDate.DatelineLines, raw.Count); i++)
        {
            if (PublicationDate.FromDateline(raw[i]) is { } date)
            {
                dateline = date;
                raw.RemoveAt(i);
                break;
            }
        }

        var published = PublicationDate.FromFileName(source) ?? dateline;
        var lines = raw.Select(l => new Line(l, LineClassifier.Classify(l))).ToList();
        MarkShortCaptions(lines);

        var bylines = Enumerable.Range(0, lines.Count).Where(i => lines[i].Shape == LineShape.Byline).ToList();
        var articles = new List<Article>();
        if (bylines.Count == 0)
        {
            // A plain text file: one article, titled by its first line when that looks like a title.
            bool hasTitle = lines.Count > 1 && lines[0].Shape == LineShape.HeadingLike;
            string title = hasTitle ? lines[0].Text : Path.GetFileNameWithoutExtension(source);
            AddArticle(articles, title, null, [], lines.Skip(hasTitle ? 1 : 0).ToList(), source, published);
            return articles;
        }

        // Title runs: the headline-like lines right above each byline.
        var titleStarts = new List<int>();
        foreach (int b in bylines)
        {
            int start = b;
            while (start - 1 >= 0 && (titleStarts.Count == 0 || start - 1 > bylines[titleStarts.Count - 1])
                   && IsTitleCandidate(lines[start - 1], b - start))
            {
                start--;
            }

            titleStarts.Add(start);
        }

        // Anything above the first title that is body text is an article of its own (a page that
        // starts mid-article); otherwise it is page furniture and is dropped.
        var lead = lines.Take(titleStarts[0]).ToList();
        if (lead.Any(l => l.Shape == LineShape.Body))
        {
            AddArticle(articles, Path.GetFileNameWithoutExtension(source), null, [], lead, source, published);
        }

        for (int k = 0; k < bylines.Count; k++)
        {
            int b = bylines[k];
            var run = lines.Skip(titleStarts[k]).Take(b - titleStarts[k]).Select(l => l.Text).ToList();
            var banners = new List<string>();
            if (run.Count > 2)
            {
                // Titles are one or two lines; what stands above them is a page banner.
                banners.AddRange(run.Take(run.Count - 1));
                run = run.Skip(run.Count - 1).ToList();
            }

            string title = run.Count == 0 ? Path.GetFileNameWithoutExtension(source) : string.Join(" ", run);
            int end = k + 1 < bylines.Count ? titleStarts[k + 1] : lines.Count;
            var body = lines.Skip(b + 1).Take(end - b - 1).ToList();
            AddArticle(articles, title, StripBox(lines[b].Text), banners, body, source, published);
        }

        return articles;
    }

    private static bool IsTitleCandidate(Line line, int alreadyTaken) =>
        line.Shape == LineShape.HeadingLike
        // The line right above a byline is its title even when it carries a comma.
        || (alreadyTaken == 0 && line.Shape == LineShape.Body && line.Text.Length <= 40 && !line.Text.EndsWith('。'));

    private static void MarkShortCaptions(List<Line> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            bool nextToCredit = (i + 1 < lines.Count && lines[i + 1].Shape == LineShape.Credit)
                || (i > 0 && lines[i - 1].Shape == LineShape.Credit);
            if (nextToCredit && lines[i].Shape is LineShape.Body or LineShape.HeadingLike
                && LineClassifier.IsShortCaptionSentence(lines[i].Text) && lines[i].Text.EndsWith('。'))
            {
                lines[i].Shape = LineShape.Caption;
            }
        }
    }

    private static string StripBox(string byline) => byline.TrimStart('□', '■', '◇', '◆', '▲', '△', '●', '○', ' ', '\u3000');

    private static void AddArticle(List<Article> articles, string title, string? byline, List<string> banners, List<Line> body, string source, DateOnly? published)
    {
        // Rejoin paragraphs cut by a break: a paragraph that does not end a sentence continues in the
        // next paragraph of the same article, skipping captions and credits printed in between.
        var blocks = new List<(BlockKind Kind, string Text)>();
        blocks.AddRange(banners.Select(t => (BlockKind.Banner, t)));
        int open = -1;
        foreach (var line in body)
        {
            var kind = line.Shape switch
            {
                LineShape.Caption => BlockKind.Caption,
                LineShape.Credit => BlockKind.Credit,
                LineShape.HeadingLike => BlockKind.Heading,
                LineShape.Byline => BlockKind.Credit,
                _ => BlockKind.Paragraph,
            };
            if (kind == BlockKind.Paragraph && open >= 0)
            {
                blocks[open] = (BlockKind.Paragraph, blocks[open].Text + line.Text);
                open = LineClassifier.EndsSentence(blocks[open].Text) ? -1 : open;
                continue;
            }

            if (kind == BlockKind.Heading)
            {
                open = -1;
            }

            blocks.Add((kind, line.Text));
            if (kind == BlockKind.Paragraph && !LineClassifier.EndsSentence(line.Text))
            {
                open = blocks.Count - 1;
            }
        }

        var firstParagraph = blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph).Text ?? "";
        string articleId = "a" + Hash(title + "\n" + firstParagraph)[..10];
        var passages = new List<Passage>();
        var finalBlocks = new List<ArticleBlock>();
        string? heading = null;
        for (int i = 0; i < blocks.Count; i++)
        {
            var (kind, text) = blocks[i];
            string? passageId = null;
            if (kind == BlockKind.Heading)
            {
                heading = text;
            }
            else if (kind == BlockKind.Paragraph)
            {
                passageId = PassageId(text);
                passages.Add(new Passage(passageId, articleId, title, passages.Count + 1, text, heading) { Published = published });
            }
            else if (kind == BlockKind.Caption)
            {
                // A caption says what a photo shows (哪个机组, 谁拍的) and can be quoted like a paragraph:
                // it is a passage too, with the photo credit printed under it (… 桑蕾 摄).
                if (i + 1 < blocks.Count && blocks[i + 1].Kind == BlockKind.Credit && blocks[i + 1].Text.TrimEnd().EndsWith('摄'))
                {
                    text = text + " " + blocks[++i].Text;
                }

                passageId = PassageId(text);
                passages.Add(new Passage(passageId, articleId, title, passages.Count + 1, text, CaptionHeading) { Published = published });
            }

            finalBlocks.Add(new ArticleBlock(kind, text, passageId));
        }

        articles.Add(new Article(articleId, title, byline, source, finalBlocks, passages) { Published = published });
    }

    /// <summary>
    /// An article's passages cut out of its blocks again, as <see cref="Parse"/> made them: each
    /// paragraph and each caption that became a passage, in print order, with the heading above it.
    /// </summary>
    internal static List<Passage> PassagesOf(string articleId, string title, IReadOnlyList<ArticleBlock> blocks, DateOnly? published)
    {
        var passages = new List<Passage>();
        string? heading = null;
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                heading = block.Text;
            }
            else if (block.PassageId is { } id)
            {
                passages.Add(new Passage(id, articleId, title, passages.Count + 1, block.Text, block.Kind == BlockKind.Caption ? CaptionHeading : heading) { Published = published });
            }
        }

        return passages;
    }

    /// <summary>
    /// The same article under an id of its whole text: for an article that shares its title and first
    /// paragraph with another one (a story reprinted with another photo, or carried on to other
    /// paragraphs), whose first-paragraph id is taken. Stable across rebuilds, like the first.
    /// </summary>
    internal static Article WithWholeTextId(Article article) =>
        WithId(article, "a" + Hash(article.Title + "\n" + string.Join("\n", article.Passages.Select(p => p.Id)))[..10]);

    /// <summary>The article under another id, its passages pointing at it.</summary>
    internal static Article WithId(Article article, string id) =>
        article with { Id = id, Passages = [.. article.Passages.Select(p => p with { ArticleId = id })] };

    /// <summary>The heading a caption's passage carries, so a reply can say it quotes a photo's caption.</summary>
    public const string CaptionHeading = "图片说明";

    /// <summary>The heading of an article's byline quoted as a passage (who wrote it), at position 0, before its paragraphs.</summary>
    public const string BylineHeading = "署名";

    /// <summary>
    /// An article's byline (□黑龙江日报全媒体记者 黄春英) as a passage that can be quoted and linked to, or null when the
    /// article has none. Not indexed: it answers only "who wrote it", asked of the article a search finds by its topic.
    /// </summary>
    public static Passage? BylinePassage(Article article) =>
        string.IsNullOrWhiteSpace(article.Byline) ? null
            : new Passage(PassageId(article.Byline), article.Id, article.Title, 0, article.Byline, BylineHeading) { Published = article.Published };

    /// <summary>The stable id of a passage: the same text (after width and script folding) always gets the same id.</summary>
    public static string PassageId(string text) => "p" + Hash(TextNormalizer.FoldPreservingOffsets(text))[..12];

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
