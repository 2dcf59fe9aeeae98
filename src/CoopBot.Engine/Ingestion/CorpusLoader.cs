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
    public static IReadOnlyList<string> ListFiles(string seedsDir)
    {
        if (!Directory.Exists(seedsDir))
        {
            throw new DirectoryNotFoundException($"The seeds folder '{Path.GetFullPath(seedsDir)}' does not exist.");
        }

        return Directory.EnumerateFiles(seedsDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(seedsDir, f))
            .Where(rel => !rel.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .OrderBy(rel => rel, StringComparer.Ordinal)
            .ToList();
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
        var articles = new List<Article>();
        var skipped = new List<SkippedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (var rel in ListFiles(seedsDir))
        {
            var path = Path.Combine(seedsDir, rel);
            byte[] bytes;
            try
            {
                var length = new FileInfo(path).Length;
                if (length > MaxFileBytes)
                {
                    skipped.Add(new SkippedFile(rel, $"larger than {MaxFileBytes / (1024 * 1024)} MB; not read."));
                    continue;
                }

                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(rel, $"could not be read: {e.Message}"));
                continue;
            }

            if (!TextDecoder.TryDecode(bytes, out var text, out _))
            {
                skipped.Add(new SkippedFile(rel, "is not text in UTF-8, UTF-16 (with BOM) or GB18030; not read."));
                continue;
            }

            foreach (var article in PageParser.Parse(text, rel.Replace('\\', '/')))
            {
                if (article.Passages.Count == 0)
                {
                    continue;
                }

                // Same title and same paragraphs = the same article, wherever it was printed again.
                var key = TextNormalizer.FoldPreservingOffsets(article.Title) + "\n" + string.Join("\n", article.Passages.Select(p => p.Id));
                if (!seen.Add(key))
                {
                    duplicates++;
                    continue;
                }

                articles.Add(article);
            }
        }

        return new Corpus(articles, skipped, duplicates);
    }
}
