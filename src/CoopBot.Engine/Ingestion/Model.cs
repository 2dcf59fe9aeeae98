namespace CoopBot.Engine.Ingestion;

/// <summary>What a line of a newspaper page is, once the page has been read.</summary>
public enum BlockKind
{
    /// <summary>Body text: a passage that can be quoted.</summary>
    Paragraph,

    /// <summary>A heading inside an article (<c>哈电集团——看实力</c>).</summary>
    Heading,

    /// <summary>A photo caption (<c>… 本报资料片</c>, <c>签约仪式现场。</c>), with the photo credit under it when there is one: a passage too.</summary>
    Caption,

    /// <summary>A photo credit (<c>黑龙江日报全媒体记者 桑蕾 摄</c>).</summary>
    Credit,

    /// <summary>A page banner printed above an article's title (<c>新篇章</c>).</summary>
    Banner,
}

/// <summary>One block of an article in print order, as the article page shows it.</summary>
/// <param name="Kind">What the block is.</param>
/// <param name="Text">The text as printed (paragraphs after rejoining page breaks).</param>
/// <param name="PassageId">For paragraphs, the id of the passage they became; otherwise null.</param>
public sealed record ArticleBlock(BlockKind Kind, string Text, string? PassageId);

/// <summary>An article found on a page: its metadata, its blocks in print order and its passages.</summary>
/// <param name="Id">Stable id (a hash of the title and first paragraph), used in URLs.</param>
/// <param name="Title">The title, one or two printed lines joined by a space.</param>
/// <param name="Byline">The byline without its leading box (<c>黑龙江日报全媒体记者 桑蕾 黄春英</c>), if printed.</param>
/// <param name="Source">The file it came from, relative to the seeds folder.</param>
/// <param name="Blocks">Every block in print order, captions and headings included.</param>
/// <param name="Passages">The paragraphs that can be quoted, in print order.</param>
public sealed record Article(string Id, string Title, string? Byline, string Source, IReadOnlyList<ArticleBlock> Blocks, IReadOnlyList<Passage> Passages)
{
    /// <summary>When its page was published (<see cref="PublicationDate"/>): from the file name or the page's dateline; null when unknown.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>The URL path of the article page.</summary>
    public string Url => "/articles/" + Id;
}

/// <summary>A quotable paragraph.</summary>
/// <param name="Id">Stable id: a hash of the text, so the same text has the same id across rebuilds.</param>
/// <param name="ArticleId">The article it belongs to.</param>
/// <param name="ArticleTitle">That article's title.</param>
/// <param name="Position">1-based position among the article's passages.</param>
/// <param name="Text">The text exactly as printed, after rejoining paragraphs cut by page breaks.</param>
/// <param name="Heading">The nearest heading above it inside the article, if any: context for ranking, never quoted.</param>
public sealed record Passage(string Id, string ArticleId, string ArticleTitle, int Position, string Text, string? Heading)
{
    /// <summary>When its article was published; null when unknown.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Link to the passage inside its article page.</summary>
    public string Url => $"/articles/{ArticleId}#{Id}";
}

/// <summary>A file in the seeds folder that was not ingested, and why.</summary>
/// <param name="Path">Path relative to the seeds folder.</param>
/// <param name="Reason">A sentence a person can act on.</param>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>Everything ingested from a seeds folder.</summary>
/// <param name="Articles">Distinct articles, in file then print order.</param>
/// <param name="Skipped">Files that were not read, with the reason.</param>
/// <param name="DuplicateArticles">How many articles were dropped because the same article was already read.</param>
public sealed record Corpus(IReadOnlyList<Article> Articles, IReadOnlyList<SkippedFile> Skipped, int DuplicateArticles)
{
    /// <summary>All passages of all articles, with passages whose text was already seen left out.</summary>
    public IEnumerable<Passage> DistinctPassages()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in Articles)
        {
            foreach (var passage in article.Passages)
            {
                if (seen.Add(passage.Id))
                {
                    yield return passage;
                }
            }
        }
    }
}
