using System.Diagnostics;
using System.Text.Json;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace CoopBot.Engine.Indexing;

/// <summary>What an index was built from and what it holds; written next to it as <c>manifest.json</c>.</summary>
/// <param name="Schema">Version of the document layout (the fields and what they hold, and which blocks of a page are passages); a change forces a rebuild.</param>
/// <param name="SeedsFingerprint">Content hash of the seeds folder the index was built from.</param>
/// <param name="Articles">Articles indexed.</param>
/// <param name="Passages">Passages indexed.</param>
/// <param name="DuplicateArticles">Articles dropped as repeats.</param>
/// <param name="Skipped">Files not read.</param>
/// <param name="BuiltAt">When it was built (UTC).</param>
/// <param name="BuildMilliseconds">How long the build took.</param>
/// <param name="Analysis">The analysis that built it (null in manifests older than the field: rebuilt).</param>
public sealed record IndexManifest(int Schema, string SeedsFingerprint, int Articles, int Passages, int DuplicateArticles, IReadOnlyList<SkippedFile> Skipped, DateTimeOffset BuiltAt, long BuildMilliseconds, AnalysisDescription? Analysis);

/// <summary>
/// Keeps the Lucene index of a seeds folder on disk. Each build goes into a fresh generation folder;
/// only when it is complete does the <c>CURRENT</c> pointer move to it, by an atomic rename. A crash
/// mid-build therefore leaves the previous generation in use, and a reader never sees a half index.
/// </summary>
public sealed class IndexStore
{
    /// <summary>
    /// Bump when the document layout (fields, what they store) or what a page's blocks become (5:
    /// photo captions are passages too; 6: articles carry their publication date, and a dateline is not
    /// text) changes, so old indexes are rebuilt. Changes of analysis need no bump: the manifest's
    /// <see cref="AnalysisDescription"/> catches them.
    /// </summary>
    public const int Schema = 6;

    private const string CurrentFile = "CURRENT";
    private const string ManifestFile = "manifest.json";
    private const string CorpusFile = "corpus.json";
    // The corpus file is read only by CoopBot: Chinese is written as is rather than as \u escapes.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ILogger _logger;
    private readonly bool _allowFastSegmenter;

    /// <summary>A store over <paramref name="indexDir"/>, logging what it does to <paramref name="logger"/>.</summary>
    public IndexStore(string indexDir, ILogger? logger = null)
        : this(indexDir, logger, allowFastSegmenter: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="allowFastSegmenter"/> false builds with the fallback segmenter (for tests).</summary>
    internal IndexStore(string indexDir, ILogger? logger, bool allowFastSegmenter)
    {
        IndexDir = Path.GetFullPath(indexDir);
        _logger = logger ?? NullLogger.Instance;
        _allowFastSegmenter = allowFastSegmenter;
    }

    /// <summary>The folder that holds the generations and the pointer.</summary>
    public string IndexDir { get; }

    /// <summary>
    /// Opens the index for <paramref name="seedsDir"/>, building it first when there is none, when the
    /// seeds changed since it was built, or when it cannot be read.
    /// </summary>
    public LoadedIndex OpenOrBuild(string seedsDir)
    {
        EnsureSeeds(seedsDir);
        var fingerprint = CorpusLoader.Fingerprint(seedsDir);
        using (AcquireLock())
        {
            var existing = TryOpenCurrent(fingerprint);
            if (existing is not null)
            {
                return existing;
            }

            BuildLocked(seedsDir, fingerprint);
            return TryOpenCurrent(fingerprint) ?? throw new InvalidOperationException($"The index just built in '{IndexDir}' could not be opened.");
        }
    }

    /// <summary>Builds a new generation from <paramref name="seedsDir"/> and makes it current, whatever is there now.</summary>
    public IndexManifest Build(string seedsDir)
    {
        EnsureSeeds(seedsDir);
        var fingerprint = CorpusLoader.Fingerprint(seedsDir);
        using (AcquireLock())
        {
            return BuildLocked(seedsDir, fingerprint);
        }
    }

    private static void EnsureSeeds(string seedsDir)
    {
        if (!System.IO.Directory.Exists(seedsDir))
        {
            throw new DirectoryNotFoundException($"The seeds folder '{Path.GetFullPath(seedsDir)}' does not exist. Put article text files there, or pass --seeds DIR.");
        }

        if (CorpusLoader.ListFiles(seedsDir).Count == 0)
        {
            throw new InvalidDataException($"The seeds folder '{Path.GetFullPath(seedsDir)}' holds no files. Put article text files there, or pass --seeds DIR.");
        }
    }

    private IndexManifest BuildLocked(string seedsDir, string fingerprint)
    {
        var clock = Stopwatch.StartNew();
        var corpus = CorpusLoader.Load(seedsDir);
        var parsedMs = clock.ElapsedMilliseconds;
        foreach (var skipped in corpus.Skipped)
        {
            _logger.LogWarning("Skipped {File}: {Reason}", skipped.Path, skipped.Reason);
        }

        var generation = "g" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var genDir = Path.Combine(IndexDir, generation);
        System.IO.Directory.CreateDirectory(genDir);
        int passages = 0;
        using var analysis = ChineseAnalysis.CreateIndexingAnalysis(_allowFastSegmenter);
        if (analysis.FallbackReason is not null)
        {
            _logger.LogWarning(
                "The fast SmartCn segmenter could not load ({Reason}); indexing with SmartChineseAnalyzer itself, about 4 times slower. Answers are the same.",
                analysis.FallbackReason);
        }

        using (var dir = FSDirectory.Open(genDir))
        {
            var analyzer = analysis.Analyzer;
            using var writer = new IndexWriter(dir, WriterConfig(analyzer));

            // Analysis (SmartCn above all) is most of the work and runs on every core.
            // Writing is serialised: the writer has a single thread state (one in-memory segment, so
            // the build ends with a flush, not a merge), and whichever thread finds it free writes
            // everything analysed so far while the others keep analysing instead of waiting for it.
            var distinct = corpus.DistinctPassages().ToList();
            var analysed = new System.Collections.Concurrent.ConcurrentQueue<Document>();
            var writing = new object();
            void WriteAnalysed()
            {
                while (analysed.TryDequeue(out var document))
                {
                    writer.AddDocument(document);
                }
            }

            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(0, distinct.Count, 16),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                range =>
                {
                    for (int i = range.Item1; i < range.Item2; i++)
                    {
                        analysed.Enqueue(ToDocument(distinct[i], i, analyzer));
                        if (Monitor.TryEnter(writing))
                        {
                            try
                            {
                                WriteAnalysed();
                            }
                            finally
                            {
                                Monitor.Exit(writing);
                            }
                        }
                    }
                });
            WriteAnalysed();
            passages = distinct.Count;

            writer.Commit();

            // The index is read-only once built: one segment means one term lookup per query term
            // instead of one per segment, which is most of what a question allocates. A build that
            // flushed only once already is one segment; ForceMerge would still spend about a second
            // finding that out, so it runs only when there is something to merge.
            var segments = new SegmentInfos();
            segments.Read(dir);
            if (segments.Count > 1)
            {
                writer.ForceMerge(1);
                writer.Commit();
            }
        }

        var indexedMs = clock.ElapsedMilliseconds;

        var manifest = new IndexManifest(Schema, fingerprint, corpus.Articles.Count, passages, corpus.DuplicateArticles, corpus.Skipped, DateTimeOffset.UtcNow, clock.ElapsedMilliseconds, analysis.Description);
        WriteAllTextDurably(Path.Combine(genDir, CorpusFile), JsonSerializer.Serialize(corpus.Articles, Json));
        WriteAllTextDurably(Path.Combine(genDir, ManifestFile), JsonSerializer.Serialize(manifest, Json));

        // The switch: write the pointer beside its final name, then rename over it (atomic on one file system).
        var tmp = Path.Combine(IndexDir, CurrentFile + ".tmp");
        WriteAllTextDurably(tmp, generation);
        File.Move(tmp, Path.Combine(IndexDir, CurrentFile), overwrite: true);
        DeleteOtherGenerations(generation);
        _logger.LogInformation(
            "Indexed {Articles} articles, {Passages} passages into {Dir} in {Ms} ms (read and parse {Parse} ms, analyse and write {Index} ms, save articles {Save} ms)",
            manifest.Articles, manifest.Passages, genDir, clock.ElapsedMilliseconds, parsedMs, indexedMs - parsedMs, clock.ElapsedMilliseconds - indexedMs);
        return manifest;
    }

    /// <summary>
    /// Searched text keeps term frequencies but not positions: ranking is BM25 over terms and no query
    /// uses phrases or spans, so positions would only cost build time and space.
    /// </summary>
    private static readonly FieldType SearchedText = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };

    /// <summary>How a build configures its writer (internal: the benchmark measures the writer alone with it).</summary>
    internal static IndexWriterConfig WriterConfig(Lucene.Net.Analysis.Analyzer analyzer) => new(ChineseAnalysis.Version, analyzer)
    {
        OpenMode = OpenMode.CREATE,
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = 256,

        // One thread state: documents written from any thread go into one in-memory segment.
        MaxThreadStates = 1,

        // A compound file is a second copy of the segment's files into one, worth it for many
        // small segments, not for the one large segment a build ends with.
        UseCompoundFile = false,
    };

    /// <summary>A passage as a document, its searched fields already analysed (internal for the benchmark).</summary>
    internal static Document ToDocument(Passage p, int ordinal, Lucene.Net.Analysis.Analyzer analyzer)
    {
        var folded = TextNormalizer.FoldForAnalysis(p.Text);
        var context = TextNormalizer.FoldForAnalysis(p.ArticleTitle + " " + (p.Heading ?? ""));
        Field Analyzed(string name, string text) =>
            new(name, AnalyzedText.Analyze(analyzer, name, text).ToTokenStream(), SearchedText);
        return new Document
        {
            new StringField(FieldNames.Id, p.Id, Field.Store.YES),
            new StringField(FieldNames.ArticleId, p.ArticleId, Field.Store.YES),
            new StoredField(FieldNames.ArticleTitle, p.ArticleTitle),
            new StoredField(FieldNames.Position, p.Position),
            new StoredField(FieldNames.Heading, p.Heading ?? ""),
            new StoredField(FieldNames.Text, p.Text),
            new NumericDocValuesField(FieldNames.Ordinal, ordinal),
            Analyzed(FieldNames.Words, folded),
            Analyzed(FieldNames.Bigrams, folded),
            Analyzed(FieldNames.Context, context),
        };
    }

    private LoadedIndex? TryOpenCurrent(string fingerprint)
    {
        var pointer = Path.Combine(IndexDir, CurrentFile);
        if (!File.Exists(pointer))
        {
            _logger.LogWarning("No index in {Dir} (first start, or it was deleted); building it from the seeds.", IndexDir);
            return null;
        }

        var genDir = Path.Combine(IndexDir, File.ReadAllText(pointer).Trim());
        try
        {
            var manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(Path.Combine(genDir, ManifestFile)), Json);
            if (manifest is null || manifest.Schema != Schema)
            {
                _logger.LogInformation("The index in {Dir} is from another version of CoopBot; rebuilding.", IndexDir);
                return null;
            }

            if (manifest.SeedsFingerprint != fingerprint)
            {
                _logger.LogInformation("The seeds changed since the index in {Dir} was built; rebuilding.", IndexDir);
                return null;
            }

            if (StaleAnalysis(manifest.Analysis) is { } why)
            {
                _logger.LogInformation("The index in {Dir} was built by another analysis ({Why}); rebuilding.", IndexDir, why);
                return null;
            }

            var articles = JsonSerializer.Deserialize<List<Article>>(File.ReadAllText(Path.Combine(genDir, CorpusFile)), Json)
                ?? throw new InvalidDataException("corpus.json is empty");
            var dir = FSDirectory.Open(genDir);
            try
            {
                var reader = DirectoryReader.Open(dir);
                return new LoadedIndex(dir, reader, manifest, articles);
            }
            catch
            {
                dir.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException or IndexFormatTooOldException or CorruptIndexException or NotSupportedException)
        {
            _logger.LogWarning("The index in {Dir} could not be read ({Error}); rebuilding it from the seeds.", genDir, e.Message);
            return null;
        }
    }

    /// <summary>Why an index built by <paramref name="built"/> must be rebuilt with today's analysis, or null if it need not.</summary>
    private string? StaleAnalysis(AnalysisDescription? built)
    {
        var now = AnalysisDescription.Current(AnalysisDescription.FastSegmenter);
        if (!now.SameTermsAs(built))
        {
            return $"built with {built?.ToString() ?? "an unrecorded analysis"}; now SmartCn {now.SmartCn}, Lucene {now.Lucene}, folds {now.Folds}";
        }

        // Built while the fast segmenter could not load: if it loads now, rebuild with it, so an index
        // never keeps a degraded build's record once the cause is gone. Checked only in that case,
        // because loading the segmenter's tables costs start-up time.
        if (built!.Segmenter == AnalysisDescription.FallbackSegmenter && _allowFastSegmenter && FastSmartChineseAnalyzer.TryCreate() is not null)
        {
            return "built by the fallback segmenter, and the fast one loads now";
        }

        return null;
    }

    private void DeleteOtherGenerations(string keep)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(IndexDir, "g*"))
        {
            if (Path.GetFileName(dir) == keep)
            {
                continue;
            }

            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Still open elsewhere (a running bot); the next build tries again.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The lock file's name in the index folder.</summary>
    internal const string LockFile = ".lock";

    /// <summary>
    /// Serialises builders across processes: a second one waits, then finds the index built. The lock
    /// is the operating system's exclusive lock on an open file (flock on Linux and macOS, a share-none
    /// handle on Windows), released by the OS if the holder dies. The file itself stays: deleting it on
    /// close would let a waiter lock the deleted file while a newcomer creates and locks a new one, and
    /// both would build at once.
    /// </summary>
    internal FileStream AcquireLock(TimeSpan? wait = null)
    {
        System.IO.Directory.CreateDirectory(IndexDir);
        var path = Path.Combine(IndexDir, LockFile);
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromMinutes(10));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e is not DirectoryNotFoundException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new IOException($"Another process has held the index lock '{path}' for longer than {(wait ?? TimeSpan.FromMinutes(10)).TotalMinutes:0.#} minutes; is another CoopBot building the index?", e);
                }

                Thread.Sleep(100);
            }
        }
    }

    private static void WriteAllTextDurably(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(text);
        }

        stream.Flush(flushToDisk: true);
    }
}

/// <summary>An open index generation: the Lucene reader, its manifest and the articles it was built from.</summary>
public sealed class LoadedIndex : IDisposable
{
    private readonly LuceneDirectory _directory;

    internal LoadedIndex(LuceneDirectory directory, DirectoryReader reader, IndexManifest manifest, IReadOnlyList<Article> articles)
    {
        _directory = directory;
        Reader = reader;
        Manifest = manifest;
        Articles = articles;

        // Passages in the order they were indexed (their ordinals), prepared once; and for each Lucene
        // document its passage, read from doc values once here instead of stored fields per question.
        var corpus = new Corpus(articles, [], 0);
        Passages = corpus.DistinctPassages().Select((p, i) => new PreparedPassage(p, i)).ToArray();
        ByDoc = new PreparedPassage[reader.MaxDoc];
        foreach (var leaf in reader.Leaves)
        {
            var ordinals = leaf.AtomicReader.GetNumericDocValues(FieldNames.Ordinal)
                ?? throw new InvalidDataException("The index has no passage ordinals; it is from an older version.");
            for (int doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                ByDoc[leaf.DocBase + doc] = Passages[(int)ordinals.Get(doc)];
            }
        }
    }

    /// <summary>Every indexed passage, prepared, by ordinal.</summary>
    internal IReadOnlyList<PreparedPassage> Passages { get; }

    /// <summary>The passage of each Lucene document, by document id.</summary>
    internal PreparedPassage[] ByDoc { get; }

    internal DirectoryReader Reader { get; }

    /// <summary>What the index was built from.</summary>
    public IndexManifest Manifest { get; }

    /// <summary>The articles, with every block, for article pages.</summary>
    public IReadOnlyList<Article> Articles { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Reader.Dispose();
        _directory.Dispose();
    }
}
