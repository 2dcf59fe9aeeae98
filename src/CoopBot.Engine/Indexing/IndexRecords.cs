using System.Text.Json;
using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Indexing;

/// <summary>Where a passage is printed: one article that holds it. The first (in file, then print order) is the one quoted.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Title">Its title.</param>
/// <param name="Position">The passage's 1-based position among the article's passages.</param>
/// <param name="Heading">The heading above it in that article.</param>
/// <param name="Published">The article's publication date.</param>
/// <param name="Source">The page file of the article's first printing.</param>
/// <param name="Order">The article's place in that file.</param>
internal sealed record Occurrence(string ArticleId, string Title, int Position, string? Heading, DateOnly? Published, string Source, int Order)
{
    /// <summary>File order, then print order: which printing is quoted does not depend on which file was indexed first.</summary>
    public static int Compare(Occurrence a, Occurrence b)
    {
        int c = string.CompareOrdinal(a.Source, b.Source);
        c = c != 0 ? c : a.Order.CompareTo(b.Order);
        return c != 0 ? c : a.Position.CompareTo(b.Position);
    }
}

/// <summary>
/// What a passage document stores: its text and its first printing, which is the one quoted. Other
/// printings are found from the article documents, which list their passages' ids; so a passage printed
/// again later needs no rewrite of its document.
/// </summary>
/// <param name="Text">The text as printed.</param>
/// <param name="First">Its first printing (file order, then print order).</param>
internal sealed record PassageRecord(string Text, Occurrence First)
{
    /// <summary>The passage as quoted: from its first printing.</summary>
    public Passage ToPassage(string id) =>
        new(id, First.ArticleId, First.Title, First.Position, Text, First.Heading) { Published = First.Published };
}

/// <summary>One printing of an article: the page file, its place there and the article as read from it.</summary>
/// <param name="Source">The page file.</param>
/// <param name="Order">The article's place among the file's articles.</param>
/// <param name="Article">The article as printed there.</param>
internal sealed record ArticleVersion(string Source, int Order, Article Article)
{
    /// <summary>File order, then print order.</summary>
    public static int Compare(ArticleVersion a, ArticleVersion b)
    {
        int c = string.CompareOrdinal(a.Source, b.Source);
        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }
}

/// <summary>
/// A printing as an article document stores it: the article's blocks, not its passages, which repeat
/// the blocks' text and are cut out of them again when read (<see cref="PageParser.PassagesOf"/>).
/// </summary>
internal sealed record StoredVersion(string Source, int Order, string Id, string Title, string? Byline, DateOnly? Published, IReadOnlyList<ArticleBlock> Blocks)
{
    public static StoredVersion From(ArticleVersion v) =>
        new(v.Source, v.Order, v.Article.Id, v.Article.Title, v.Article.Byline, v.Article.Published, v.Article.Blocks);

    public ArticleVersion ToVersion() =>
        new(Source, Order, new Article(Id, Title, Byline, Source, Blocks, PageParser.PassagesOf(Id, Title, Blocks, Published)) { Published = Published });

    public static string Write(IEnumerable<ArticleVersion> versions) => IndexJson.Write(versions.Select(From).ToList());

    public static List<ArticleVersion> Read(string json) => [.. IndexJson.Read<List<StoredVersion>>(json).Select(v => v.ToVersion())];
}

/// <summary>The JSON of the stored records. Read only by CoopBot: Chinese is written as is rather than as \u escapes.</summary>
internal static class IndexJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("An index record is empty.");
}

/// <summary>What a page file was when it was indexed: enough to tell, without reading it, that it has not changed.</summary>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Modified">Its last write time (UTC ticks).</param>
/// <param name="Sha256">Its content hash, which decides when the length or the time differ (a file touched but not edited is not reindexed).</param>
internal sealed record FileStamp(long Length, long Modified, string Sha256)
{
    /// <summary>The stamp as one term: length, time and hash.</summary>
    public override string ToString() => $"{Length}:{Modified}:{Sha256}";

    /// <summary>Reads <see cref="ToString"/> back; null if it is not a stamp.</summary>
    public static FileStamp? Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && long.TryParse(parts[0], out var length) && long.TryParse(parts[1], out var modified)
            ? new FileStamp(length, modified, parts[2])
            : null;
    }

    /// <summary>Whether the file's length and time say it is unchanged (the hash is not read).</summary>
    public bool SameStat(FileInfo file) => file.Length == Length && file.LastWriteTimeUtc.Ticks == Modified;
}
