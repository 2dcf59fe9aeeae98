using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoopBot.Engine.Indexing;

/// <summary>What an index holds and what built it. The generation's <c>manifest.json</c> records how it was built; the totals come from its last commit.</summary>
/// <param name="Schema">Version of the document layout (the fields and what they hold, and which blocks of a page are passages); a change forces a rebuild.</param>
/// <param name="Articles">Articles indexed.</param>
/// <param name="Passages">Passages indexed.</param>
/// <param name="DuplicateArticles">Printings of an article beyond its first (the same article on two pages, or twice on one).</param>
/// <param name="Skipped">Files not read.</param>
/// <param name="BuiltAt">When the generation was built in full (UTC).</param>
/// <param name="BuildMilliseconds">How long that full build took.</param>
/// <param name="Analysis">The analysis that built it (null in manifests older than the field: rebuilt).</param>
public sealed record IndexManifest(int Schema, int Articles, int Passages, int DuplicateArticles, IReadOnlyList<SkippedFile> Skipped, DateTimeOffset BuiltAt, long BuildMilliseconds, AnalysisDescription? Analysis);

/// <summary>What one update of an index did.</summary>
/// <param name="Added">Page files added.</param>
/// <param name="Changed">Page files whose content changed.</param>
/// <param name="Removed">Page files deleted.</param>
/// <param name="PassagesWritten">Passage documents written (new or rewritten).</param>
/// <param name="Milliseconds">How long it took, reading the files included.</param>
public sealed record IndexUpdate(int Added, int Changed, int Removed, int PassagesWritten, long Milliseconds)
{
    /// <summary>Whether anything changed.</summary>
    public bool Any => Added + Changed + Removed > 0;
}

/// <summary>
/// Keeps the Lucene index of a seeds folder on disk and in step with it.
/// </summary>
/// <remarks>
/// <para>
/// A full build goes into a fresh generation folder; only when it is complete does the <c>CURRENT</c>
/// pointer move to it, by an atomic rename, so a crash mid-build leaves the previous generation in use.
/// A full build happens only when there is no readable index or when the document layout or the
/// analysis changed (the manifest says which built it).
/// </para>
/// <para>
/// Otherwise a changed seeds folder is applied to the current generation file by file: each page file
/// has a document with its stamp (length, time, content hash), a deleted or changed file's articles and
/// passages are taken out by term and its new ones added, and the whole change is one Lucene commit,
/// so a reader sees the folder before or after it and never half of it, and a crash before the commit
/// leaves the previous commit, from which the next open applies the change again.
/// </para>
/// </remarks>
public sealed class IndexStore
{
    /// <summary>
    /// Bump when the document layout (fields, what they store) or what a page's blocks become (5:
    /// photo captions are passages too; 6: articles carry their publication date, and a dateline is not
    /// text; 7: articles, passages and page files are documents of one index, updated file by file)
    /// changes, so old indexes are rebuilt. Changes of analysis need no bump: the manifest's
    /// <see cref="AnalysisDescription"/> catches them.
    /// </summary>
    public const int Schema = 7;

    private const string CurrentFile = "CURRENT";
    private const string ManifestFile = "manifest.json";

    /// <summary>A full build reads and writes this much page text at a time, so its memory does not grow with the archive.</summary>
    private const long BatchBytes = 16L * 1024 * 1024;

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

    /// <summary>Called with the generation folder after an update is written and before it is committed (tests: what a crash there leaves).</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>
    /// Opens the index for <paramref name="seedsDir"/>: builds it in full when there is none, when it
    /// cannot be read or when it was built by another layout or analysis; otherwise applies the files
    /// added, changed or deleted since it was last updated, and opens it.
    /// </summary>
    /// <param name="seedsDir">The seeds folder.</param>
    /// <param name="update">
    /// False opens an index that is there as it is, without looking at every file first (a bot that
    /// answers at once and applies the folder's changes in the background, <see cref="Update"/>).
    /// </param>
    public LoadedIndex OpenOrBuild(string seedsDir, bool update = true)
    {
        EnsureSeeds(seedsDir);
        using (AcquireLock())
        {
            if (TryOpenCurrent() is { } current)
            {
                try
                {
                    return current.Open(update ? reader => UpdateLocked(current.Directory, seedsDir, current.Generation, reader) : null);
                }
                catch (Exception e) when (IsUnreadable(e))
                {
                    current.Dispose();
                    _logger.LogWarning("The index in {Dir} could not be updated ({Error}); rebuilding it from the seeds.", IndexDir, e.Message);
                }
                catch
                {
                    current.Dispose();
                    throw;
                }
            }

            BuildLocked(seedsDir);
            return TryOpenCurrent()?.Open() ?? throw new InvalidOperationException($"The index just built in '{IndexDir}' could not be opened.");
        }
    }

    /// <summary>Builds a new generation from <paramref name="seedsDir"/> and makes it current, whatever is there now.</summary>
    public IndexManifest Build(string seedsDir)
    {
        EnsureSeeds(seedsDir);
        using (AcquireLock())
        {
            return BuildLocked(seedsDir);
        }
    }

    /// <summary>
    /// Applies what changed in <paramref name="seedsDir"/> since <paramref name="current"/> was opened, and
    /// returns the index after the change (sharing what did not change with <paramref name="current"/>,
    /// which stays open and usable until disposed), or null when nothing changed.
    /// </summary>
    /// <param name="current">The snapshot in use.</param>
    /// <param name="seedsDir">The seeds folder.</param>
    /// <param name="changed">
    /// The files reported changed (by a file watcher), relative to the seeds folder: only they are
    /// looked at, so an update costs the same whatever the size of the archive. Null looks at every
    /// file (a poll, or after a change the watcher could not describe).
    /// </param>
    public LoadedIndex? Update(LoadedIndex current, string seedsDir, IReadOnlyCollection<string>? changed = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        EnsureSeeds(seedsDir);
        using (AcquireLock())
        {
            var update = UpdateLocked(current.Directory.Directory, seedsDir, current.Generation, current.Reader, changed);
            var next = DirectoryReader.OpenIfChanged(current.Reader);

            // Another process may have applied the change already: the reader then still moves on.
            return next is null ? null : new LoadedIndex(current.Directory.Share(), next, ReadManifest(current.Directory.Directory, next), current.Generation) { LastUpdate = update };
        }
    }

    private static void EnsureSeeds(string seedsDir)
    {
        if (!System.IO.Directory.Exists(seedsDir))
        {
            throw new DirectoryNotFoundException($"The seeds folder '{Path.GetFullPath(seedsDir)}' does not exist. Put article text files there, or pass --seeds DIR.");
        }

        if (!CorpusLoader.HasFiles(seedsDir))
        {
            throw new InvalidDataException($"The seeds folder '{Path.GetFullPath(seedsDir)}' holds no files. Put article text files there, or pass --seeds DIR.");
        }
    }

    private IndexManifest BuildLocked(string seedsDir)
    {
        var clock = Stopwatch.StartNew();
        var generation = "g" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var genDir = Path.Combine(IndexDir, generation);
        System.IO.Directory.CreateDirectory(genDir);
        using var analysis = ChineseAnalysis.CreateIndexingAnalysis(_allowFastSegmenter);
        if (analysis.FallbackReason is not null)
        {
            _logger.LogWarning(
                "The fast SmartCn segmenter could not load ({Reason}); indexing with SmartChineseAnalyzer itself, about 4 times slower. Answers are the same.",
                analysis.FallbackReason);
        }

        IndexCounts counts;
        var skipped = new List<SkippedFile>();
        long readMs = 0, flushMs = 0, commitMs = 0, mergeMs = 0;
        int segmentCount = 0;
        var files = CorpusLoader.ListFiles(seedsDir);
        using (var dir = OpenDirectory(genDir))
        {
            using var writer = new IndexWriter(dir, WriterConfig(analysis.Analyzer));
            using var updater = new IndexUpdater(writer, analysis.Analyzer, IndexCounts.Empty, emptyIndex: true);

            // Files are read (on every core) and applied in batches of about BatchBytes, in file order,
            // so which printing of a repeated article is first never depends on timing.
            // Batches of about BatchBytes of page text, in file order (so which printing of a repeated
            // article is first never depends on timing); the next batch is read and parsed while this
            // one is analysed and written.
            var batches = new List<List<string>>();
            for (int from = 0; from < files.Count;)
            {
                int to = from;
                for (long bytes = 0; to < files.Count && (to == from || bytes < BatchBytes); to++)
                {
                    bytes += SafeLength(Path.Combine(seedsDir, files[to]));
                }

                batches.Add(files.Skip(from).Take(to - from).ToList());
                from = to;
            }

            var reading = batches.Count > 0 ? Task.Run(() => ReadFiles(seedsDir, batches[0])) : null;
            for (int b = 0; b < batches.Count; b++)
            {
                var t0 = clock.ElapsedMilliseconds;
                var batch = reading!.GetAwaiter().GetResult();
                readMs += clock.ElapsedMilliseconds - t0;
                var next = b + 1;
                reading = next < batches.Count ? Task.Run(() => ReadFiles(seedsDir, batches[next])) : null;
                foreach (var read in batch)
                {
                    Apply(updater, read);
                    if (read.Skipped is not null)
                    {
                        skipped.Add(read.Skipped);
                    }
                }

                t0 = clock.ElapsedMilliseconds;
                updater.Flush();
                flushMs += clock.ElapsedMilliseconds - t0;
            }

            var c0 = clock.ElapsedMilliseconds;
            updater.Commit();
            commitMs = clock.ElapsedMilliseconds - c0;
            counts = updater.Counts;

            // The index is read far more than it is written: passages in one segment mean one term
            // lookup per query term instead of one per segment, which is most of what a question
            // allocates. Article and page-file documents (a reprint's article rewritten at the end of
            // the build) are never searched, so a segment of them alone is not worth a merge.
            using (var check = DirectoryReader.Open(dir))
            {
                segmentCount = check.Leaves.Count(l => l.AtomicReader.DocFreq(new Term(FieldNames.Kind, FieldNames.PassageKind)) > 0);
            }

            if (segmentCount > 1)
            {
                var m0 = clock.ElapsedMilliseconds;
                writer.ForceMerge(1);
                mergeMs = clock.ElapsedMilliseconds - m0;
                writer.SetCommitData(counts.ToUserData());
                writer.Commit();
            }
        }

        var manifest = new IndexManifest(Schema, counts.Articles, counts.Passages, counts.Duplicates, skipped, DateTimeOffset.UtcNow, clock.ElapsedMilliseconds, analysis.Description);
        WriteAllTextDurably(Path.Combine(genDir, ManifestFile), JsonSerializer.Serialize(manifest with { Skipped = [] }, IndexJson.Options));

        // The switch: write the pointer beside its final name, then rename over it (atomic on one file system).
        var tmp = Path.Combine(IndexDir, CurrentFile + ".tmp");
        WriteAllTextDurably(tmp, generation);
        File.Move(tmp, Path.Combine(IndexDir, CurrentFile), overwrite: true);
        DeleteOtherGenerations(generation);
        _logger.LogInformation(
            "Indexed {Files} files: {Articles} articles, {Passages} passages into {Dir} in {Ms} ms (waiting for pages read {Read} ms, analyse and write {Flush} ms, commit {Commit} ms, {Segments} segments of passages, merged into one in {Merge} ms)",
            files.Count, manifest.Articles, manifest.Passages, genDir, clock.ElapsedMilliseconds, readMs, flushMs, commitMs, segmentCount, mergeMs);
        return manifest;
    }

    /// <summary>Applies the files added, changed and deleted since the last commit of the index in <paramref name="dir"/>.</summary>
    /// <param name="dir">The index.</param>
    /// <param name="seedsDir">The seeds folder.</param>
    /// <param name="generation">The generation's folder name.</param>
    /// <param name="open">A reader already open on it, reopened (sharing its segments) rather than opening the index anew.</param>
    /// <param name="only">Only these files (relative paths), or null for every file.</param>
    private IndexUpdate UpdateLocked(Lucene.Net.Store.Directory dir, string seedsDir, string generation, DirectoryReader? open, IReadOnlyCollection<string>? only = null)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, FileStamp> indexed;
        IReadOnlyList<string> listed;
        IndexCounts counts;
        var reader = open is null ? DirectoryReader.Open(dir) : DirectoryReader.OpenIfChanged(open) ?? open;
        try
        {
            counts = IndexCounts.FromUserData(reader.IndexCommit.UserData);
            if (only is null)
            {
                indexed = FileTable(reader);
                listed = CorpusLoader.ListFiles(seedsDir);
            }
            else
            {
                // Only the files named: each looked up by its own term, each listed if it is there now.
                var names = only.Select(c => c.Replace('\\', '/')).Where(c => !c.Split('/').Any(part => part.StartsWith('.'))).Distinct(StringComparer.Ordinal).ToList();
                indexed = FileTable(reader, names);
                listed = [.. names.Where(n => File.Exists(Path.Combine(seedsDir, n))).Order(StringComparer.Ordinal)];
            }
        }
        finally
        {
            if (!ReferenceEquals(reader, open))
            {
                reader.Dispose();
            }
        }

        // Paths with '/' from here on, as the index records them.
        var added = new List<(string Rel, FileStamp Stamp)>();
        var changed = new List<(string Rel, FileStamp Stamp)>();
        var touched = new List<(string Rel, FileStamp Stamp)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rel in listed)
        {
            var key = rel.Replace('\\', '/');
            present.Add(key);
            var info = new FileInfo(Path.Combine(seedsDir, rel));
            if (indexed.TryGetValue(key, out var was) && was.SameStat(info))
            {
                continue;
            }

            if (Stamp(info) is not { } now)
            {
                continue; // gone or unreadable since it was listed: the next update sees it
            }

            (was is null ? added : was.Sha256 == now.Sha256 ? touched : changed).Add((key, now));
        }

        var removed = indexed.Keys.Where(k => !present.Contains(k)).ToList();
        if (added.Count + changed.Count + removed.Count + touched.Count == 0)
        {
            return new IndexUpdate(0, 0, 0, 0, clock.ElapsedMilliseconds);
        }

        using var analysis = ChineseAnalysis.CreateIndexingAnalysis(_allowFastSegmenter);
        var config = WriterConfig(analysis.Analyzer);
        config.OpenMode = OpenMode.APPEND;

        // A few small segments per update: a compound file each keeps the file count down until they merge.
        config.UseCompoundFile = true;
        using var writer = new IndexWriter(dir, config);
        int written;
        try
        {
            using var updater = new IndexUpdater(writer, analysis.Analyzer, counts, emptyIndex: false);
            foreach (var rel in removed.Concat(changed.Select(c => c.Rel)))
            {
                updater.Remove(rel);
            }

            foreach (var read in ReadFiles(seedsDir, added.Concat(changed).OrderBy(f => f.Rel, StringComparer.Ordinal).Select(f => f.Rel).ToList()))
            {
                Apply(updater, read);
            }

            foreach (var (rel, stamp) in touched)
            {
                updater.Restamp(rel, stamp);
            }

            updater.Flush();
            writer.Flush(triggerMerge: false, applyAllDeletes: true);
            BeforeCommit?.Invoke(Path.Combine(IndexDir, generation));
            updater.Commit();
            written = updater.PassagesWritten;
        }
        catch
        {
            // Nothing of a failed update is kept: the index stays at its last commit.
            writer.Rollback();
            throw;
        }

        var update = new IndexUpdate(added.Count, changed.Count, removed.Count, written, clock.ElapsedMilliseconds);
        _logger.LogInformation(
            "Updated the index: {Added} files added, {Changed} changed, {Removed} removed; {Passages} passages written in {Ms} ms",
            update.Added, update.Changed, update.Removed, update.PassagesWritten, update.Milliseconds);
        return update;
    }

    private sealed record ReadFile(string Source, FileStamp? Stamp, IReadOnlyList<Article> Articles, SkippedFile? Skipped);

    private static void Apply(IndexUpdater updater, ReadFile read)
    {
        if (read.Stamp is null)
        {
            return;
        }

        updater.Add(read.Source, read.Stamp, read.Skipped is null ? read.Articles : [], read.Skipped?.Reason);
    }

    /// <summary>Reads files on every core; the results come back in the order given.</summary>
    private List<ReadFile> ReadFiles(string seedsDir, IReadOnlyList<string> files)
    {
        var read = new ReadFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var rel = files[i];
            var stamp = Stamp(new FileInfo(Path.Combine(seedsDir, rel)));
            var (articles, skipped) = CorpusLoader.ReadFile(seedsDir, rel);
            read[i] = new ReadFile(rel.Replace('\\', '/'), stamp, articles, skipped);
        });
        foreach (var skipped in read.Where(r => r.Skipped is not null))
        {
            _logger.LogWarning("Skipped {File}: {Reason}", skipped.Skipped!.Path, skipped.Skipped.Reason);
        }

        return [.. read];
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>A file's stamp, or null when it cannot be read now.</summary>
    private static FileStamp? Stamp(FileInfo info)
    {
        try
        {
            info.Refresh();
            if (!info.Exists)
            {
                return null;
            }

            using var stream = info.OpenRead();
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            return new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks, hash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every indexed page file with its stamp, read from the terms alone (no stored fields).</summary>
    internal static Dictionary<string, FileStamp> FileTable(IndexReader reader) => FileTable(reader, null);

    /// <summary>
    /// The indexed page files with their stamps, read from the terms alone: each stamp term is the
    /// file's path, a line break and the stamp. <paramref name="names"/> null reads every file; otherwise
    /// only the files named (those indexed), each found by seeking to its own terms.
    /// </summary>
    private static Dictionary<string, FileStamp> FileTable(IndexReader reader, IReadOnlyList<string>? names)
    {
        var prefixes = names?.Select(n => n + "\n").ToList() ?? [""];
        var table = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var leaf in reader.Leaves)
        {
            var e = leaf.AtomicReader.GetTerms(FieldNames.FileStamp)?.GetEnumerator();
            if (e is null)
            {
                continue;
            }

            var live = leaf.AtomicReader.LiveDocs;
            DocsEnum? docs = null;
            foreach (var prefix in prefixes)
            {
                if (e.SeekCeil(new Lucene.Net.Util.BytesRef(prefix)) == TermsEnum.SeekStatus.END)
                {
                    continue;
                }

                do
                {
                    var text = e.Term.Utf8ToString();
                    if (!text.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        break;
                    }

                    // A file's older stamps stay as terms of deleted documents until a merge: live ones only.
                    docs = e.Docs(live, docs, DocsFlags.NONE);
                    int cut = text.LastIndexOf('\n');
                    if (docs.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS && cut > 0 && FileStamp.Parse(text[(cut + 1)..]) is { } stamp)
                    {
                        table[text[..cut]] = stamp;
                    }
                }
                while (e.MoveNext());
            }
        }

        return table;
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

    /// <summary>A passage printed once as a document (internal for the benchmark, which measures the writer alone).</summary>
    internal static Document ToDocument(Passage p, int ordinal, Lucene.Net.Analysis.Analyzer analyzer) =>
        PassageDocument(p.Id, ordinal, new PassageRecord(p.Text, new Occurrence(p.ArticleId, p.ArticleTitle, p.Position, p.Heading, p.Published, "", 0)), analyzer);

    /// <summary>A passage as a document, its searched fields already analysed (from its first printing's title and heading).</summary>
    internal static Document PassageDocument(string id, int ordinal, PassageRecord record, Lucene.Net.Analysis.Analyzer analyzer)
    {
        var first = record.First;
        var folded = TextNormalizer.FoldForAnalysis(record.Text);
        var context = TextNormalizer.FoldForAnalysis(first.Title + " " + (first.Heading ?? ""));
        Field Analyzed(string name, string text) =>
            new AnalyzedText.Field(name, AnalyzedText.Analyze(analyzer, name, text), SearchedText);
        return new Document
        {
            new KeywordField(FieldNames.Kind, FieldNames.PassageKind, Field.Store.NO),
            new KeywordField(FieldNames.Id, id, Field.Store.YES),
            new StoredField(FieldNames.Ordinal, ordinal),
            new NumericDocValuesField(FieldNames.Ordinal, ordinal),
            new StoredField(FieldNames.Record, IndexJson.Write(record)),
            Analyzed(FieldNames.Words, folded),
            Analyzed(FieldNames.Bigrams, folded),
            Analyzed(FieldNames.Context, context),
        };
    }

    /// <summary>An opened generation: its directory and pointer name, not yet a <see cref="LoadedIndex"/>.</summary>
    private sealed class OpenGeneration(SharedDirectory directory, string generation) : IDisposable
    {
        public SharedDirectory Shared { get; } = directory;

        public Lucene.Net.Store.Directory Directory => Shared.Directory;

        public string Generation { get; } = generation;

        /// <summary>Opens a snapshot; <paramref name="update"/>, if given, first applies the seeds' changes, reading the index through the same reader.</summary>
        public LoadedIndex Open(Func<DirectoryReader, IndexUpdate>? update = null)
        {
            var reader = DirectoryReader.Open(Directory);
            try
            {
                if (update is not null)
                {
                    update(reader);
                    if (DirectoryReader.OpenIfChanged(reader) is { } after)
                    {
                        reader.Dispose();
                        reader = after;
                    }
                }

                return new LoadedIndex(Shared, reader, ReadManifest(Directory, reader), Generation);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }

        public void Dispose() => Shared.Release();
    }

    /// <summary>An index folder, read as <see cref="HybridDirectory"/> explains.</summary>
    internal static FSDirectory OpenDirectory(string path) => new HybridDirectory(path);

    private static IndexManifest ReadManifest(Lucene.Net.Store.Directory dir, DirectoryReader reader)
    {
        var built = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(Path.Combine(((FSDirectory)dir).Directory.FullName, ManifestFile)), IndexJson.Options)
            ?? throw new InvalidDataException("manifest.json is empty");
        var counts = IndexCounts.FromUserData(reader.IndexCommit.UserData);
        return built with { Articles = counts.Articles, Passages = counts.Passages, DuplicateArticles = counts.Duplicates, Skipped = SkippedFiles(reader) };
    }

    private static List<SkippedFile> SkippedFiles(IndexReader reader)
    {
        var searcher = new Lucene.Net.Search.IndexSearcher(reader);
        var top = searcher.Search(new Lucene.Net.Search.TermQuery(new Term(FieldNames.Skipped, "1")), 1000);
        return [.. top.ScoreDocs.Select(d => reader.Document(d.Doc)).Select(d => new SkippedFile(d.Get(FieldNames.File), d.Get(FieldNames.SkippedReason)))];
    }

    private OpenGeneration? TryOpenCurrent()
    {
        var pointer = Path.Combine(IndexDir, CurrentFile);
        if (!File.Exists(pointer))
        {
            _logger.LogWarning("No index in {Dir} (first start, or it was deleted); building it from the seeds.", IndexDir);
            return null;
        }

        var generation = File.ReadAllText(pointer).Trim();
        var genDir = Path.Combine(IndexDir, generation);
        try
        {
            var manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(Path.Combine(genDir, ManifestFile)), IndexJson.Options);
            if (manifest is null || manifest.Schema != Schema)
            {
                _logger.LogInformation("The index in {Dir} is from another version of CoopBot; rebuilding.", IndexDir);
                return null;
            }

            if (StaleAnalysis(manifest.Analysis) is { } why)
            {
                _logger.LogInformation("The index in {Dir} was built by another analysis ({Why}); rebuilding.", IndexDir, why);
                return null;
            }

            var dir = OpenDirectory(genDir);
            if (!DirectoryReader.IndexExists(dir))
            {
                dir.Dispose();
                throw new InvalidDataException("it holds no committed index");
            }

            return new OpenGeneration(new SharedDirectory(dir), generation);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            _logger.LogWarning("The index in {Dir} could not be read ({Error}); rebuilding it from the seeds.", genDir, e.Message);
            return null;
        }
    }

    private static bool IsUnreadable(Exception e) =>
        e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException or IndexFormatTooOldException or CorruptIndexException or NotSupportedException or IndexFormatTooNewException;

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

/// <summary>A Lucene directory shared by the index snapshots that read it, closed when the last lets go.</summary>
internal sealed class SharedDirectory(Lucene.Net.Store.Directory directory)
{
    private int _users = 1;

    public Lucene.Net.Store.Directory Directory { get; } = directory;

    /// <summary>One more user (a newer snapshot of the same index).</summary>
    public SharedDirectory Share()
    {
        Interlocked.Increment(ref _users);
        return this;
    }

    /// <summary>One user fewer; the last closes the directory.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _users) == 0)
        {
            Directory.Dispose();
        }
    }
}

/// <summary>
/// An open snapshot of the index: the Lucene reader and what it holds. Passages and articles are read
/// from the index's stored fields when asked for, with a bounded cache, so memory does not grow with
/// the archive and opening does not read every passage.
/// </summary>
public sealed class LoadedIndex : IDisposable
{
    /// <summary>Passages kept prepared (folded, cut into sentences) between questions.</summary>
    public const int MaxCachedPassages = 8192;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, PreparedPassage> _passages = new();
    private readonly Lucene.Net.Search.IndexSearcher _searcher;
    private readonly Lazy<string?> _home;
    private readonly Lazy<string?> _partner;
    private int _disposed;

    internal LoadedIndex(SharedDirectory directory, DirectoryReader reader, IndexManifest manifest, string generation)
    {
        Directory = directory;
        Reader = reader;
        Manifest = manifest;
        Generation = generation;
        _searcher = new Lucene.Net.Search.IndexSearcher(reader);
        _home = new Lazy<string?>(() => Reading.HomeProvince.Find(PassagesPrinting));
        _partner = new Lazy<string?>(() => Reading.HomeProvince.Partner(HomeProvince, PassagesPrinting));
    }

    internal SharedDirectory Directory { get; }

    internal DirectoryReader Reader { get; }

    internal string Generation { get; }

    /// <summary>What the index holds and what built it.</summary>
    public IndexManifest Manifest { get; }

    /// <summary>The update that made this snapshot, when it was made by one.</summary>
    public IndexUpdate? LastUpdate { get; init; }

    /// <summary>Passage documents, deleted ones not yet merged away included (as Lucene's <c>maxDoc</c> counts them).</summary>
    internal long PassageDocs =>
        Reader.MaxDoc - Reader.DocFreq(new Term(FieldNames.Kind, FieldNames.ArticleKind)) - Reader.DocFreq(new Term(FieldNames.Kind, FieldNames.FileKind));

    /// <summary>How many passages are cached now (internal: tests check the bound).</summary>
    internal int CachedPassages => _passages.Count;

    /// <summary>The passage of a Lucene document, prepared; read from its stored fields on first use.</summary>
    internal PreparedPassage PassageAt(int doc)
    {
        if (_passages.TryGetValue(doc, out var prepared))
        {
            return prepared;
        }

        var stored = Reader.Document(doc);
        var record = IndexJson.Read<PassageRecord>(stored.Get(FieldNames.Record));
        prepared = new PreparedPassage(record.ToPassage(stored.Get(FieldNames.Id)), stored.GetField(FieldNames.Ordinal).GetInt32Value() ?? 0);
        if (_passages.Count >= MaxCachedPassages)
        {
            // Starting over is cheaper than tracking recency on every question, and rare: the cache
            // holds the passages of thousands of questions.
            _passages.Clear();
        }

        _passages[doc] = prepared;
        return prepared;
    }

    /// <summary>
    /// The province whose paper these pages are (<see cref="Reading.HomeProvince"/>), found on first
    /// use: a count, per provincial paper, of the passages that hold every character pair of its name.
    /// </summary>
    internal string? HomeProvince => _home.Value;

    /// <summary>
    /// The province these pages pair the home province with when they say 两省 (<see cref="Reading.HomeProvince.Partner"/>),
    /// found on first use.
    /// </summary>
    internal string? PartnerProvince => _partner.Value;

    /// <summary>
    /// <see cref="HomeProvince"/> when one of a question's <paramref name="keywords"/> names it (黑龙江,
    /// 黑龙江省), else null; the papers are counted only once a question names some province.
    /// </summary>
    internal string? HomeProvinceNamedIn(IEnumerable<string> keywords) =>
        Reading.HomeProvince.AnyNamed(keywords) && HomeProvince is { } home && keywords.Any(k => Reading.HomeProvince.Names(k, home)) ? home : null;

    private int PassagesPrinting(string phrase)
    {
        var query = new Lucene.Net.Search.BooleanQuery
        {
            { new Lucene.Net.Search.TermQuery(new Term(FieldNames.Kind, FieldNames.PassageKind)), Lucene.Net.Search.Occur.MUST },
        };
        for (int i = 0; i + 1 < phrase.Length; i++)
        {
            query.Add(new Lucene.Net.Search.TermQuery(new Term(FieldNames.Bigrams, phrase.Substring(i, 2))), Lucene.Net.Search.Occur.MUST);
        }

        var count = new Lucene.Net.Search.TotalHitCountCollector();
        _searcher.Search(query, count);
        return count.TotalHits;
    }

    /// <summary>A passage by id, prepared, or null.</summary>
    internal PreparedPassage? FindPassage(string id) => First(FieldNames.Id, id) is { } doc ? PassageAt(doc) : null;

    /// <summary>An article by id (its first printing), or null.</summary>
    public Article? FindArticle(string id) => First(FieldNames.ArticleId, id) is { } doc ? Versions(doc)[0].Article : null;

    /// <summary>The articles a page file printed, in print order.</summary>
    public IReadOnlyList<Article> ArticlesOnPage(string source)
    {
        var top = _searcher.Search(new Lucene.Net.Search.TermQuery(new Term(FieldNames.Source, source)), 10_000);
        // An article printed twice on the page counts once, at its first printing there.
        return [.. top.ScoreDocs.Select(d => Versions(d.Doc).First(v => v.Source == source)).OrderBy(v => v.Order).Select(v => v.Article)];
    }

    /// <summary>The <paramref name="count"/> newest articles: latest publication date first, then the order they were indexed in.</summary>
    public IReadOnlyList<Article> Newest(int count)
    {
        var sort = new Lucene.Net.Search.Sort(
            new Lucene.Net.Search.SortField(FieldNames.Published, Lucene.Net.Search.SortFieldType.INT64, reverse: true),
            new Lucene.Net.Search.SortField(FieldNames.ArticleOrder, Lucene.Net.Search.SortFieldType.INT64));
        var top = _searcher.Search(new Lucene.Net.Search.TermQuery(new Term(FieldNames.Kind, FieldNames.ArticleKind)), Math.Max(1, count), sort);
        return [.. top.ScoreDocs.Select(d => Versions(d.Doc)[0].Article)];
    }

    private List<ArticleVersion> Versions(int doc) => StoredVersion.Read(Reader.Document(doc).Get(FieldNames.Record));

    private int? First(string field, string value)
    {
        var top = _searcher.Search(new Lucene.Net.Search.TermQuery(new Term(field, value ?? "")), 1);
        return top.ScoreDocs.Length > 0 ? top.ScoreDocs[0].Doc : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Reader.Dispose();
            Directory.Release();
        }
    }
}
