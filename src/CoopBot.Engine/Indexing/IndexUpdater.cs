using System.Globalization;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace CoopBot.Engine.Indexing;

/// <summary>The running totals of an index, kept in each Lucene commit's user data so they change atomically with it.</summary>
/// <param name="Articles">Distinct articles.</param>
/// <param name="Passages">Distinct passages.</param>
/// <param name="Duplicates">Printings of an article beyond its first.</param>
/// <param name="NextOrdinal">The ordinal the next new passage gets (print order, the rankings' last tie-breaker).</param>
/// <param name="NextArticleOrder">The order the next new article gets.</param>
internal sealed record IndexCounts(int Articles, int Passages, int Duplicates, int NextOrdinal, long NextArticleOrder)
{
    public static readonly IndexCounts Empty = new(0, 0, 0, 0, 0);

    public IDictionary<string, string> ToUserData() => new Dictionary<string, string>
    {
        ["articles"] = Articles.ToString(CultureInfo.InvariantCulture),
        ["passages"] = Passages.ToString(CultureInfo.InvariantCulture),
        ["duplicates"] = Duplicates.ToString(CultureInfo.InvariantCulture),
        ["next_ordinal"] = NextOrdinal.ToString(CultureInfo.InvariantCulture),
        ["next_article_order"] = NextArticleOrder.ToString(CultureInfo.InvariantCulture),
    };

    public static IndexCounts FromUserData(IDictionary<string, string>? data)
    {
        int Int(string key) => data is not null && data.TryGetValue(key, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : throw new InvalidDataException($"The index's last commit does not record '{key}'.");
        return new(Int("articles"), Int("passages"), Int("duplicates"), Int("next_ordinal"), Int("next_article_order"));
    }
}

/// <summary>
/// Applies page files to an index: removing a file takes out what only it printed, adding one puts in
/// its articles and passages. An article printed in several files is one document listing its
/// printings, and a passage is one document holding its first printing (the one quoted), with the
/// article documents listing the passages they print; so deleting one printing keeps the others
/// (reprints across pages stay detected) and the quoted printing moves to the next. Changes gather in
/// memory and are written by <see cref="Flush"/>; nothing is visible to readers until the commit.
/// </summary>
/// <remarks>
/// One code path for both a full build (every file added in file order, flushed in batches; reprints
/// of articles written in an earlier batch are applied at the end, so the build never reads back what
/// it wrote) and an incremental update (a few files removed and added, then one commit). Lookups read
/// what is already written through a near-real-time reader of the same writer.
/// </remarks>
internal sealed class IndexUpdater : IDisposable
{
    private readonly IndexWriter _writer;
    private readonly Analyzer _analyzer;
    private readonly Dictionary<string, PassageState> _passages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArticleState> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _articleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileState> _files = new(StringComparer.Ordinal);

    // A full build adds to an empty index: a passage or article not in these sets was never written,
    // so most of a build needs no lookup at all. Hashes (64 bits) keep them small on a large archive.
    private readonly HashSet<long>? _writtenPassages;
    private readonly HashSet<long>? _writtenArticles;
    private DirectoryReader? _reader;
    private bool _readerStale = true;

    // A full build does not read back what it wrote while it writes (each read would flush a segment,
    // to be merged later): a reprint of an article written earlier, or a passage printed again in
    // another article, is noted here and applied once, at the end.
    private bool _deferring;
    private readonly List<(string Key, ArticleVersion Version)> _pendingVersions = [];

    public IndexUpdater(IndexWriter writer, Analyzer analyzer, IndexCounts counts, bool emptyIndex)
    {
        _writer = writer;
        _analyzer = analyzer;
        Counts = counts;
        if (emptyIndex)
        {
            _writtenPassages = [];
            _writtenArticles = [];
            _deferring = true;
        }
    }

    /// <summary>The totals with every change so far.</summary>
    public IndexCounts Counts { get; private set; }

    /// <summary>Passage documents written so far (new or rewritten).</summary>
    public int PassagesWritten { get; private set; }

    /// <summary>Takes out what <paramref name="source"/> printed, and its file record.</summary>
    public void Remove(string source)
    {
        _files[source] = new FileState(source, null, null);
        foreach (var article in ArticlesFrom(source))
        {
            var owner = article.Versions[0];
            int before = article.Versions.Count;
            article.Versions.RemoveAll(v => v.Source == source);
            article.Dirty = true;
            if (article.Versions.Count == 0)
            {
                article.Deleted = true;
                _articleIds[article.Id] = null;
                Counts = Counts with { Articles = Counts.Articles - 1, Duplicates = Counts.Duplicates - (before - 1) };
                foreach (var id in owner.Article.Passages.Select(p => p.Id).Distinct())
                {
                    Reassign(id);
                }
            }
            else
            {
                Counts = Counts with { Duplicates = Counts.Duplicates - (before - article.Versions.Count) };
                if (!ReferenceEquals(article.Versions[0], owner))
                {
                    Reown(article);
                }
            }
        }
    }

    /// <summary>Puts in the articles read from <paramref name="source"/> (in print order) and its file record.</summary>
    public void Add(string source, FileStamp stamp, IReadOnlyList<Article> articles, string? skippedReason)
    {
        _files[source] = new FileState(source, stamp, skippedReason);
        for (int order = 0; order < articles.Count; order++)
        {
            var article = articles[order];
            if (article.Passages.Count == 0)
            {
                continue;
            }

            var key = KeyOf(article);
            if (_deferring && !_articles.ContainsKey(key) && _writtenArticles!.Contains(Hash64(key)))
            {
                _pendingVersions.Add((key, new ArticleVersion(source, order, article)));
                Counts = Counts with { Duplicates = Counts.Duplicates + 1 };
                continue;
            }

            var state = GetArticle(key);
            if (state is { Deleted: false })
            {
                // A reprint: one more printing of an article already indexed.
                var owner = state.Versions[0];
                state.Versions.Add(new ArticleVersion(source, order, article.Id == state.Id ? article : PageParser.WithId(article, state.Id)));
                state.Versions.Sort(ArticleVersion.Compare);
                state.Dirty = true;
                Counts = Counts with { Duplicates = Counts.Duplicates + 1 };
                if (!ReferenceEquals(state.Versions[0], owner))
                {
                    Reown(state);
                }

                continue;
            }

            // Another article with the same title and first paragraph (reprinted with another photo, or
            // carried on differently) needs an id of its own: its whole text's, or failing that a numbered one.
            if (IdTaken(article.Id))
            {
                article = PageParser.WithWholeTextId(article);
                var id = article.Id;
                for (int n = 2; IdTaken(article.Id); n++)
                {
                    article = PageParser.WithId(article, $"{id}-{n}");
                }
            }

            if (state is null)
            {
                state = new ArticleState(key, article.Id, Counts.NextArticleOrder);
                Counts = Counts with { NextArticleOrder = Counts.NextArticleOrder + 1 };
                _articles[key] = state;
            }

            // An article taken out and put back in the same update (its page edited) keeps its order.
            state.Id = article.Id;
            state.Deleted = false;
            state.Dirty = true;
            state.Versions.Clear();
            state.Versions.Add(new ArticleVersion(source, order, article));
            _articleIds[article.Id] = key;
            Counts = Counts with { Articles = Counts.Articles + 1 };
            foreach (var p in article.Passages)
            {
                var at = new Occurrence(article.Id, article.Title, p.Position, p.Heading, p.Published, source, order);
                if (_deferring && !_passages.ContainsKey(p.Id) && _writtenPassages!.Contains(Hash64(p.Id)))
                {
                    // Printed again later in the build (files come in order): the first printing stays
                    // the quoted one, and this article's document lists the passage.
                    continue;
                }

                var passage = GetPassage(p.Id);
                if (passage is null || passage.Deleted)
                {
                    if (passage is null)
                    {
                        passage = new PassageState(p.Id, Counts.NextOrdinal, p.Text);
                        Counts = Counts with { NextOrdinal = Counts.NextOrdinal + 1 };
                        _passages[p.Id] = passage;
                    }

                    passage.Deleted = false;
                    passage.First = at;
                    passage.Dirty = true;
                    Counts = Counts with { Passages = Counts.Passages + 1 };
                }
                else if (Occurrence.Compare(at, passage.First!) < 0)
                {
                    passage.First = at;
                    passage.Dirty = true;
                }
            }
        }
    }

    /// <summary>Records a file whose content did not change (touched, or copied over with the same bytes) under its new stamp.</summary>
    /// <remarks>A file that was not read (not text) stays recorded as not read, with its reason.</remarks>
    public void Restamp(string source, FileStamp stamp) =>
        _files[source] = new FileState(source, stamp, Find(FieldNames.File, source) is { } doc ? Reader!.Document(doc).Get(FieldNames.SkippedReason) : null);

    /// <summary>Writes every change gathered so far to the writer (not committed), analysing passages on every core.</summary>
    public void Flush()
    {
        // Analysis (SmartCn above all) is most of the work and runs on every core. Writing is
        // serialised: the writer has a single thread state (one in-memory segment, so a build ends
        // with a flush, not a merge), and whichever thread finds it free writes everything analysed so
        // far while the others keep analysing instead of waiting for it.
        var passages = _passages.Values.Where(p => p.Dirty).ToList();
        var analysed = new System.Collections.Concurrent.ConcurrentQueue<(PassageState Passage, Document? Document)>();
        var writing = new object();
        void WriteAnalysed()
        {
            while (analysed.TryDequeue(out var item))
            {
                Write(item.Passage, item.Document);
            }
        }

        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, Math.Max(1, passages.Count), 16),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            range =>
            {
                for (int i = range.Item1; i < Math.Min(range.Item2, passages.Count); i++)
                {
                    var p = passages[i];
                    analysed.Enqueue((p, p.Deleted ? null : IndexStore.PassageDocument(p.Id, p.Ordinal, new PassageRecord(p.Text, p.First!), _analyzer)));
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

        foreach (var a in _articles.Values.Where(a => a.Dirty))
        {
            var term = new Term(FieldNames.ArticleKey, a.Key);
            if (a.Deleted)
            {
                if (a.Stored)
                {
                    _writer.DeleteDocuments(term);
                }
            }
            else if (a.Stored)
            {
                _writer.UpdateDocument(term, ArticleDocument(a));
            }
            else
            {
                _writer.AddDocument(ArticleDocument(a));
                _writtenArticles?.Add(Hash64(a.Key));
                _writtenArticles?.Add(Hash64("id:" + a.Id));
            }
        }

        foreach (var f in _files.Values)
        {
            var term = new Term(FieldNames.File, f.Source);
            if (f.Stamp is null)
            {
                _writer.DeleteDocuments(term);
            }
            else
            {
                _writer.UpdateDocument(term, FileDocument(f));
            }
        }

        _passages.Clear();
        _articles.Clear();
        _articleIds.Clear();
        _files.Clear();
        _readerStale = true;
    }

    private void Write(PassageState p, Document? document)
    {
        var term = new Term(FieldNames.Id, p.Id);
        if (document is null)
        {
            if (p.Stored)
            {
                _writer.DeleteDocuments(term);
            }

            return;
        }

        if (p.Stored)
        {
            _writer.UpdateDocument(term, document);
        }
        else
        {
            _writer.AddDocument(document);
            _writtenPassages?.Add(Hash64(p.Id));
        }

        PassagesWritten++;
    }

    /// <summary>Commits everything flushed, with the totals, as one atomic change.</summary>
    public void Commit()
    {
        Flush();
        if (_deferring)
        {
            _deferring = false;
            ApplyPending();
            Flush();
        }

        _writer.SetCommitData(Counts.ToUserData());
        _writer.Commit();
    }

    private void ApplyPending()
    {
        foreach (var (key, version) in _pendingVersions)
        {
            var state = GetArticle(key) ?? throw new InvalidOperationException("A reprinted article was not found in the index being built.");
            var owner = state.Versions[0];
            state.Versions.Add(version.Article.Id == state.Id ? version : version with { Article = PageParser.WithId(version.Article, state.Id) });
            state.Versions.Sort(ArticleVersion.Compare);
            state.Dirty = true;
            if (!ReferenceEquals(state.Versions[0], owner))
            {
                Reown(state);
            }
        }

        _pendingVersions.Clear();
    }

    private void Reown(ArticleState article)
    {
        // The article's first printing was taken out or an earlier one came in: its passages may now
        // be first printed, and quoted, elsewhere.
        foreach (var id in article.Versions[0].Article.Passages.Select(p => p.Id).Distinct())
        {
            Reassign(id);
        }
    }

    /// <summary>Works out a passage's first printing again from the articles that print it now; deletes it when none does.</summary>
    private void Reassign(string id)
    {
        if (GetPassage(id) is not { Deleted: false } passage)
        {
            return;
        }

        Occurrence? first = null;
        foreach (var article in Printers(id))
        {
            var owner = article.Versions[0];
            foreach (var p in owner.Article.Passages.Where(p => p.Id == id))
            {
                var at = new Occurrence(article.Id, owner.Article.Title, p.Position, p.Heading, p.Published, owner.Source, owner.Order);
                if (first is null || Occurrence.Compare(at, first) < 0)
                {
                    first = at;
                }
            }
        }

        if (first is null)
        {
            passage.Deleted = true;
            passage.Dirty = true;
            Counts = Counts with { Passages = Counts.Passages - 1 };
        }
        else if (first != passage.First)
        {
            passage.First = first;
            passage.Dirty = true;
        }
    }

    /// <summary>The articles that print a passage now: those written (as this update left them) and those this update holds.</summary>
    private List<ArticleState> Printers(string passageId)
    {
        var found = new List<ArticleState>();
        foreach (var doc in FindAll(FieldNames.ArticlePassages, passageId))
        {
            if (GetArticle(Reader!.Document(doc).Get(FieldNames.ArticleKey)) is { Deleted: false } article && !found.Contains(article))
            {
                found.Add(article);
            }
        }

        found.AddRange(_articles.Values.Where(a => !a.Deleted && !found.Contains(a)));
        return [.. found.Where(a => a.Versions.Count > 0 && a.Versions[0].Article.Passages.Any(p => p.Id == passageId))];
    }

    private IEnumerable<ArticleState> ArticlesFrom(string source)
    {
        var found = new List<ArticleState>();
        foreach (var doc in FindAll(FieldNames.Source, source))
        {
            if (GetArticle(Reader!.Document(doc).Get(FieldNames.ArticleKey)) is { Deleted: false } article && !found.Contains(article))
            {
                found.Add(article);
            }
        }

        // Articles this update already holds in memory, whose printings in this file are not written yet.
        found.AddRange(_articles.Values.Where(a => !a.Deleted && !found.Contains(a) && a.Versions.Any(v => v.Source == source)));
        return found.Where(a => a.Versions.Any(v => v.Source == source)).ToList();
    }

    private bool IdTaken(string id)
    {
        if (_articleIds.TryGetValue(id, out var key))
        {
            return key is not null;
        }

        if (_writtenArticles is not null && !_writtenArticles.Contains(Hash64("id:" + id)))
        {
            return false;
        }

        // While a build defers its reads, 64 bits of hash say the id is taken (a collision would only
        // give an article its whole-text id).
        return _deferring || Find(FieldNames.ArticleId, id) is not null;
    }

    private ArticleState? GetArticle(string key) =>
        Get(_articles, _writtenArticles, FieldNames.ArticleKey, key, stored =>
        {
            var state = new ArticleState(key, stored.Get(FieldNames.ArticleId), stored.GetField(FieldNames.ArticleOrder).GetInt64Value() ?? 0) { Stored = true };
            state.Versions.AddRange(StoredVersion.Read(stored.Get(FieldNames.Record)));
            _articleIds[state.Id] = key;
            return state;
        });

    private PassageState? GetPassage(string id) =>
        Get(_passages, _writtenPassages, FieldNames.Id, id, stored =>
        {
            var record = IndexJson.Read<PassageRecord>(stored.Get(FieldNames.Record));
            return new PassageState(id, stored.GetField(FieldNames.Ordinal).GetInt32Value() ?? 0, record.Text) { Stored = true, First = record.First };
        });

    /// <summary>
    /// A document's state: the one this update holds, or the written one (found by its key term and
    /// read once), or null. A build's hash set says, without a lookup, what was never written.
    /// </summary>
    private T? Get<T>(Dictionary<string, T> held, HashSet<long>? written, string field, string key, Func<Document, T> read)
        where T : class
    {
        if (held.TryGetValue(key, out var state))
        {
            return state;
        }

        if ((written is not null && !written.Contains(Hash64(key))) || Find(field, key) is not { } doc)
        {
            return null;
        }

        state = read(Reader!.Document(doc));
        held[key] = state;
        return state;
    }

    private DirectoryReader? Reader
    {
        get
        {
            if (_readerStale)
            {
                // What the writer holds so far, deletes applied, flushed or not, committed or not.
                var next = _reader is null ? DirectoryReader.Open(_writer, applyAllDeletes: true) : DirectoryReader.OpenIfChanged(_reader, _writer, applyAllDeletes: true);
                if (next is not null)
                {
                    _reader?.Dispose();
                    _reader = next;
                }

                _readerStale = false;
            }

            return _reader;
        }
    }

    private int? Find(string field, string value)
    {
        foreach (var doc in FindAll(field, value))
        {
            return doc;
        }

        return null;
    }

    private IEnumerable<int> FindAll(string field, string value)
    {
        var reader = Reader;
        if (reader is null)
        {
            yield break;
        }

        var term = new BytesRef(value);
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field);
            var e = terms?.GetEnumerator();
            if (e is null || !e.SeekExact(term))
            {
                continue;
            }

            var docs = e.Docs(leaf.AtomicReader.LiveDocs, null, DocsFlags.NONE);
            for (int d = docs.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.NextDoc())
            {
                yield return leaf.DocBase + d;
            }
        }
    }

    /// <summary>The key an article is found by: a hash of what makes two printings the same article.</summary>
    internal static string KeyOf(Article article) =>
        "k" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CorpusLoader.Key(article))))[..24];

    private static long Hash64(string s) => BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)));

    private static Document ArticleDocument(ArticleState a)
    {
        var owner = a.Versions[0].Article;
        var doc = new Document
        {
            new KeywordField(FieldNames.Kind, FieldNames.ArticleKind, Field.Store.NO),
            new KeywordField(FieldNames.ArticleId, a.Id, Field.Store.YES),
            new KeywordField(FieldNames.ArticleKey, a.Key, Field.Store.YES),
            new StoredField(FieldNames.ArticleOrder, a.Order),
            new NumericDocValuesField(FieldNames.ArticleOrder, a.Order),
            new NumericDocValuesField(FieldNames.Published, owner.Published?.DayNumber ?? 0),
            new StoredField(FieldNames.Record, StoredVersion.Write(a.Versions)),
        };
        foreach (var source in a.Versions.Select(v => v.Source).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new KeywordField(FieldNames.Source, source, Field.Store.NO));
        }

        foreach (var id in owner.Passages.Select(p => p.Id).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new KeywordField(FieldNames.ArticlePassages, id, Field.Store.NO));
        }

        return doc;
    }

    private static Document FileDocument(FileState f)
    {
        var doc = new Document
        {
            new KeywordField(FieldNames.Kind, FieldNames.FileKind, Field.Store.NO),
            new KeywordField(FieldNames.File, f.Source, Field.Store.YES),
            new KeywordField(FieldNames.FileStamp, f.Source + "\n" + f.Stamp, Field.Store.NO),
        };
        if (f.SkippedReason is not null)
        {
            doc.Add(new KeywordField(FieldNames.Skipped, "1", Field.Store.NO));
            doc.Add(new StoredField(FieldNames.SkippedReason, f.SkippedReason));
        }

        return doc;
    }

    /// <inheritdoc />
    public void Dispose() => _reader?.Dispose();

    private sealed class PassageState(string id, int ordinal, string text)
    {
        public string Id { get; } = id;

        public int Ordinal { get; } = ordinal;

        public string Text { get; } = text;

        public Occurrence? First { get; set; }

        public bool Stored { get; init; }

        public bool Dirty { get; set; }

        public bool Deleted { get; set; }
    }

    private sealed class ArticleState(string key, string id, long order)
    {
        public string Key { get; } = key;

        public string Id { get; set; } = id;

        public long Order { get; } = order;

        public List<ArticleVersion> Versions { get; } = [];

        public bool Stored { get; init; }

        public bool Dirty { get; set; }

        public bool Deleted { get; set; }
    }

    private sealed record FileState(string Source, FileStamp? Stamp, string? SkippedReason);
}
