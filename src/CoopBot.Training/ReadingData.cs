using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace CoopBot.Training;

/// <summary>One question of a SQuAD-style file, with its paragraph.</summary>
/// <param name="Id">The question id.</param>
/// <param name="Source">The file it came from.</param>
/// <param name="Article">The article (title) the paragraph belongs to: the unit of the train/validation split.</param>
/// <param name="ParagraphId">A key of the paragraph, unique over all files.</param>
/// <param name="Context">The paragraph as printed (Traditional or Simplified).</param>
/// <param name="Question">The question.</param>
/// <param name="Answers">The gold answer texts (DRCD gives two).</param>
public sealed record ReadingExample(string Id, string Source, string Article, string ParagraphId, string Context, string Question, IReadOnlyList<string> Answers)
{
    /// <summary>The article's title as the data gives it (the engine reads it as the passage's article title).</summary>
    public string Title { get; init; } = "";
}

/// <summary>Reads the public reading-comprehension files (SQuAD v1 layout, gzip) and checks their hashes.</summary>
public static class ReadingData
{
    /// <summary>The files trained on, with the SHA-256 of their decompressed bytes (from the data's README).</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["cmrc2018_trial.json.gz"] = "f3fae95b57da8e03afb2b57467dd221417060ef4d82db13bf22fc88589f3a6f3",
        ["DRCD_test.json.gz"] = "d9de0b4d247a8391ac8daee6c02c2c8272b75562a1e2377b50ae04ecc09a7438",
    };

    /// <summary>Loads every file of <see cref="Files"/> from <paramref name="dir"/>; a wrong hash is an error.</summary>
    public static List<ReadingExample> Load(string dir, Action<string>? log = null)
    {
        var all = new List<ReadingExample>();
        foreach (var (name, sha) in Files)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Training file '{path}' is missing (see ../shared/benchmarks/reader-train/README.md).", path);
            }

            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gz.CopyTo(bytes);
            var json = bytes.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(json));
            if (hash != sha)
            {
                throw new InvalidDataException($"'{path}' decompresses to sha256 {hash}, not the {sha} its README gives.");
            }

            var examples = Parse(json, name);
            log?.Invoke($"{name}: {examples.Count} questions, sha256 {hash[..12]}… verified");
            all.AddRange(examples);
        }

        return all;
    }

    /// <summary>Parses one SQuAD-style JSON document.</summary>
    public static List<ReadingExample> Parse(byte[] json, string source)
    {
        using var doc = JsonDocument.Parse(json);
        var result = new List<ReadingExample>();
        int paragraphNo = 0;
        foreach (var article in doc.RootElement.GetProperty("data").EnumerateArray())
        {
            var title = article.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var articleId = article.TryGetProperty("id", out var ai) ? ai.ToString() : title;
            foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
            {
                paragraphNo++;
                var context = paragraph.GetProperty("context").GetString() ?? "";
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var answers = qa.GetProperty("answers").EnumerateArray()
                        .Select(a => a.GetProperty("text").GetString() ?? "")
                        .Where(a => a.Trim().Length > 0)
                        .Distinct()
                        .ToList();
                    if (answers.Count == 0)
                    {
                        continue;
                    }

                    result.Add(new ReadingExample(
                        qa.GetProperty("id").ToString(), source, source + ":" + articleId, source + ":" + paragraphNo,
                        context, qa.GetProperty("question").GetString() ?? "", answers) { Title = title });
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Validation articles: a fixed tenth of the articles by a hash of their key, so the split is the
    /// same on every run and no paragraph is on both sides.
    /// </summary>
    public static bool IsValidation(ReadingExample e) => Bucket(e, "", 10) == 0;

    /// <summary>
    /// Which of <paramref name="buckets"/> groups an example's article falls in, by a hash of its key
    /// after <paramref name="salt"/>: the same on every run, and never two groups for one article (the
    /// validation split, the answer/refuse model's halves, the cross-validation folds).
    /// </summary>
    public static int Bucket(ReadingExample e, string salt, int buckets) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(salt + e.Article)), 0) % (uint)buckets);
}
