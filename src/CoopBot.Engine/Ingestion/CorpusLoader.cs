using System.Security.Cryptography;
using System.Text;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Ingestion;

/// <summary>
/// Reads every file of a seeds folder into a <see cref="Corpus"/>: decodes it, splits it into
/// articles, and drops articles already read (the same article printed twice on a page or in two files).
/// </summary>
public static class CorpusLoader
{
    /// <summary>Files over this size are not article text; they are skipped with a warning.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The files of a seeds folder in a stable order (ordinal by relative path), hidden files left out.</summary>
    public static IReadOnlyList<string> ListFiles(string seedsDir) => Enumerate(seedsDir).OrderBy(rel => rel, StringComparer.Ordinal).ToList();

    /// <summary>Whether a seeds folder holds any file that would be read (stops at the first: an archive holds many).</summary>
    public static bool HasFiles(string seedsDir) => Enumerate(seedsDir).Any();

    private static IEnumerable<string> Enumerate(string seedsDir)
    {
        if (!Directory.Exists(seedsDir))
        {
            throw new DirectoryNotFoundException($"The seeds folder '{Path.GetFullPath(seedsDir)}' does not exist.");
        }

        return Directory.EnumerateFiles(seedsDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(seedsDir, f))
            .Where(rel => !rel.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
    }

    /// <summary>A content fingerprint of the seeds folder: changes whenever a file is added, removed, renamed or edited.</summary>
    public static string Fingerprint(string seedsDir)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var rel in ListFiles(seedsDir))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(rel.Replace('\\', '/') + "\0"));
            using var stream = File.OpenRead(Path.Combine(seedsDir, rel));
            sha.AppendData(SHA256.HashData(stream));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Loads a whole folder. Files that are not text are listed in <see cref="Corpus.Skipped"/>, never fatal.</summary>
    public static Corpus Load(string seedsDir)
    {
        // Decoding and parsing are independent per file and run in parallel; the results are then
        // taken in file order, so which copy of a repeated article is kept never depends on timing.
        var files = ListFiles(seedsDir);
        var read = new (IReadOnlyList<Article> Articles, SkippedFile? Skipped)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => read[i] = ReadFile(seedsDir, files[i]));

        var articles = new List<Article>();
        var skipped = new List<SkippedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (var (fileArticles, fileSkipped) in read)
        {
            if (fileSkipped is not null)
            {
                skipped.Add(fileSkipped);
                continue;
            }

            foreach (var article in fileArticles)
            {
                if (article.Passages.Count == 0)
                {
                    continue;
                }

                // Same title and same paragraphs = the same article, wherever it was printed again.
                if (!seen.Add(Key(article)))
                {
                    duplicates++;
                    continue;
                }

                // Another article with the same title and first paragraph (reprinted with another photo,
                // or carried on differently) is a different article and needs an id of its own.
                articles.Add(ids.Add(article.Id) ? article : Distinct(PageParser.WithWholeTextId(article)));
            }
        }

        return new Corpus(articles, skipped, duplicates);

        // Should the whole-text id be taken too (a hash collision), a numbered one.
        Article Distinct(Article article)
        {
            var id = article.Id;
            for (int n = 2; !ids.Add(article.Id); n++)
            {
                article = PageParser.WithId(article, $"{id}-{n}");
            }

            return article;
        }
    }

    /// <summary>What makes two printed articles the same article: the same title and the same paragraphs, wherever printed.</summary>
    public static string Key(Article article) =>
        TextNormalizer.FoldPreservingOffsets(article.Title) + "\n" + string.Join("\n", article.Passages.Select(p => p.Id));

    /// <summary>Reads one file of a seeds folder: its articles (those with passages), or why it was not read.</summary>
    /// <param name="seedsDir">The seeds folder.</param>
    /// <param name="rel">The file, relative to it.</param>
    public static (IReadOnlyList<Article> Articles, SkippedFile? Skipped) ReadFile(string seedsDir, string rel)
    {
        var path = Path.Combine(seedsDir, rel);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                return ([], new SkippedFile(rel, $"larger than {MaxFileBytes / (1024 * 1024)} MB; not read."));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], new SkippedFile(rel, $"could not be read: {e.Message}"));
        }

        return TextDecoder.TryDecode(bytes, out var text, out _)
            ? (PageParser.Parse(text, rel.Replace('\\', '/')), null)
            : ([], new SkippedFile(rel, "is not text in UTF-8, UTF-16 (with BOM) or GB18030; not read."));
    }
}
