using CoopBot.Engine.Answering;
using CoopBot.Engine.Indexing;

namespace CoopBot.Engine.Tests;

/// <summary>The on-disk index: built on first use, reused, rebuilt when seeds change or the index is damaged, never half-written.</summary>
[Trait("Category", "Integration")]
public class IndexStoreTests
{
    [Fact]
    public void First_open_builds_then_reopen_reuses_the_same_generation()
    {
        using var dir = TestPaths.NewTempDir();
        var indexDir = dir.Sub("index");
        var store = new IndexStore(indexDir);

        using (var first = store.OpenOrBuild(TestPaths.Seeds))
        {
            Assert.Equal(SeedFacts.Articles, first.Manifest.Articles);
            Assert.Equal(SeedFacts.Passages, first.Manifest.Passages);
            Assert.Equal(SeedFacts.DuplicateArticles, first.Manifest.DuplicateArticles);
        }

        var generation = File.ReadAllText(Path.Combine(indexDir, "CURRENT"));
        using (store.OpenOrBuild(TestPaths.Seeds))
        {
        }

        Assert.Equal(generation, File.ReadAllText(Path.Combine(indexDir, "CURRENT")));
    }

    [Fact]
    public void The_index_maps_its_dictionaries_and_reads_stored_text_and_postings_with_positional_reads()
    {
        using var dir = TestPaths.NewTempDir();
        var indexDir = dir.Sub("index");
        using (new IndexStore(indexDir).OpenOrBuild(TestPaths.Seeds))
        {
        }

        var generation = Path.Combine(indexDir, File.ReadAllText(Path.Combine(indexDir, "CURRENT")).Trim());
        using var directory = IndexStore.OpenDirectory(generation);
        var kinds = new Dictionary<string, string>();
        foreach (var file in directory.ListAll().Where(f => f.Contains('.', StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal) && !f.StartsWith("segments", StringComparison.Ordinal)))
        {
            using var input = directory.OpenInput(file, Lucene.Net.Store.IOContext.READ_ONCE);
            kinds[file[(file.LastIndexOf('.') + 1)..]] = input.GetType().Name;

            // Both kinds read the file's real bytes: the header every Lucene file starts with.
            Assert.True(input.Length > 4);
            Assert.Equal(Lucene.Net.Codecs.CodecUtil.CODEC_MAGIC, input.ReadInt32());
        }

        // The files a question reads most (stored passage text, postings) and the dictionaries it probes.
        Assert.Contains("fdt", kinds.Keys);
        Assert.Contains("doc", kinds.Keys);
        Assert.Contains("tim", kinds.Keys);
        Assert.Contains("NIOFS", kinds["fdt"], StringComparison.Ordinal);
        Assert.Contains("NIOFS", kinds["doc"], StringComparison.Ordinal);
        Assert.Contains("MMap", kinds["tim"], StringComparison.Ordinal);
        Assert.Contains("MMap", kinds["tip"], StringComparison.Ordinal);
        Assert.Contains("MMap", kinds["fdx"], StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_seeds_are_reindexed_on_next_open()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, "page.txt"));
        var store = new IndexStore(dir.Sub("index"));
        using (var before = store.OpenOrBuild(seeds))
        {
            Assert.Equal(SeedFacts.Articles, before.Manifest.Articles);
        }

        File.WriteAllText(Path.Combine(seeds, "extra.txt"), "哈尔滨冰雪大世界\n\n哈尔滨冰雪大世界的门票为每人330元。\n");
        using var engine = QaEngine.Open(new EngineOptions(seeds, store.IndexDir));

        Assert.Equal(7, engine.Manifest.Articles);
        var a = engine.Ask("哈尔滨冰雪大世界的门票多少钱？");
        Assert.True(a.Answered);
        Assert.Equal("330元", a.Text);
    }

    [Fact]
    public void Corrupted_index_is_rebuilt_from_seeds()
    {
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        store.Build(TestPaths.Seeds);
        var generation = Path.Combine(store.IndexDir, File.ReadAllText(Path.Combine(store.IndexDir, "CURRENT")));
        foreach (var file in Directory.GetFiles(generation))
        {
            File.WriteAllText(file, "garbage");
        }

        using var index = store.OpenOrBuild(TestPaths.Seeds);

        Assert.Equal(SeedFacts.Passages, index.Manifest.Passages);
    }

    [Fact]
    public void Interrupted_build_leaves_the_previous_index_in_use()
    {
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        store.Build(TestPaths.Seeds);
        var current = File.ReadAllText(Path.Combine(store.IndexDir, "CURRENT"));

        // What a crash mid-build leaves: a half-written generation and a pointer never moved.
        var partial = Directory.CreateDirectory(Path.Combine(store.IndexDir, "g99999999999999999-dead00"));
        File.WriteAllText(Path.Combine(partial.FullName, "_0.fdt"), "half");
        File.WriteAllText(Path.Combine(store.IndexDir, "CURRENT.tmp"), partial.Name);

        using var index = store.OpenOrBuild(TestPaths.Seeds);

        Assert.Equal(current, File.ReadAllText(Path.Combine(store.IndexDir, "CURRENT")));
        Assert.Equal(SeedFacts.Passages, index.Manifest.Passages);
    }

    [Fact]
    public void Missing_or_empty_seeds_folder_is_a_clear_error_naming_it()
    {
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        var missing = Path.Combine(dir.Path, "nope");
        var e1 = Assert.Throws<DirectoryNotFoundException>(() => store.OpenOrBuild(missing));
        Assert.Contains(missing, e1.Message);

        var empty = dir.Sub("empty");
        var e2 = Assert.Throws<InvalidDataException>(() => store.OpenOrBuild(empty));
        Assert.Contains(empty, e2.Message);
    }
}

/// <summary>
/// The build analyses passages on worker threads and hands the writer the tokens; the index must be
/// exactly what handing the writer the text would have made.
/// </summary>
[Trait("Category", "Unit")]
public class PreAnalysisTests
{
    [Fact]
    public void Pre_analysed_fields_index_the_same_terms_frequencies_and_lengths_as_text_fields()
    {
        var passages = Ingestion.CorpusLoader.Load(TestPaths.Seeds).DistinctPassages().ToList();
        Assert.True(passages.Count > 30);
        using var analyzer = ChineseAnalysis.CreateIndexingAnalyzer();
        var type = new Lucene.Net.Documents.FieldType(Lucene.Net.Documents.TextField.TYPE_NOT_STORED) { IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_AND_FREQS };
        string[] fields = [FieldNames.Words, FieldNames.Bigrams, FieldNames.Context];

        Lucene.Net.Store.RAMDirectory Build(bool preAnalysed)
        {
            var dir = new Lucene.Net.Store.RAMDirectory();
            var config = new Lucene.Net.Index.IndexWriterConfig(ChineseAnalysis.Version, analyzer) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() };
            using var writer = new Lucene.Net.Index.IndexWriter(dir, config);
            foreach (var p in passages)
            {
                var doc = new Lucene.Net.Documents.Document();
                foreach (var field in fields)
                {
                    var text = Text.TextNormalizer.FoldForAnalysis(field == FieldNames.Context ? p.ArticleTitle + " " + p.Heading : p.Text);
                    doc.Add(preAnalysed
                        ? new AnalyzedText.Field(field, AnalyzedText.Analyze(analyzer, field, text), type)
                        : new Lucene.Net.Documents.Field(field, text, type));
                }

                // Untokenized fields, several values of one name in one document as article documents have.
                foreach (var (name, value) in new[] { (FieldNames.Id, p.Id), (FieldNames.Source, p.ArticleId), (FieldNames.Source, p.ArticleTitle) })
                {
                    doc.Add(preAnalysed
                        ? new KeywordField(name, value, Lucene.Net.Documents.Field.Store.YES)
                        : new Lucene.Net.Documents.StringField(name, value, Lucene.Net.Documents.Field.Store.YES));
                }

                writer.AddDocument(doc);
            }

            writer.Commit();
            return dir;
        }

        using var direct = Build(preAnalysed: false);
        using var replayed = Build(preAnalysed: true);
        using var a = Lucene.Net.Index.DirectoryReader.Open(direct);
        using var b = Lucene.Net.Index.DirectoryReader.Open(replayed);
        var leafA = Lucene.Net.Index.SlowCompositeReaderWrapper.Wrap(a);
        var leafB = Lucene.Net.Index.SlowCompositeReaderWrapper.Wrap(b);
        foreach (var field in fields)
        {
            Assert.Equal(Postings(leafA, field), Postings(leafB, field));
            var normsA = leafA.GetNormValues(field);
            var normsB = leafB.GetNormValues(field);
            for (int doc = 0; doc < leafA.MaxDoc; doc++)
            {
                Assert.Equal(normsA.Get(doc), normsB.Get(doc));
            }
        }

        foreach (var field in new[] { FieldNames.Id, FieldNames.Source })
        {
            Assert.Equal(Postings(leafA, field), Postings(leafB, field));
        }

        for (int doc = 0; doc < leafA.MaxDoc; doc++)
        {
            Assert.Equal(leafA.Document(doc).GetValues(FieldNames.Source), leafB.Document(doc).GetValues(FieldNames.Source));
            Assert.Equal(leafA.Document(doc).Get(FieldNames.Id), leafB.Document(doc).Get(FieldNames.Id));
        }

        // Not a vacuous comparison: the seed page has real vocabulary in every field.
        Assert.Contains("(words:签约 ", Postings(leafA, FieldNames.Words), StringComparison.Ordinal);
        Assert.Contains("(bigrams:签约 ", Postings(leafA, FieldNames.Bigrams), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bigram_fields_lower_casing_maps_every_character_as_Lucenes_LowerCaseFilter_does()
    {
        // Every UTF-16 unit that is not a surrogate, in tokens of 64, and tokens with characters beyond
        // the BMP (upper-case Deseret 𐐀, mathematical letters) beside Latin, Greek, fullwidth and CJK text.
        var tokens = new List<string>();
        var chars = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => !char.IsSurrogate(c) && !char.IsWhiteSpace(c)).ToArray();
        for (int i = 0; i < chars.Length; i += 64)
        {
            tokens.Add(new string(chars, i, Math.Min(64, chars.Length - i)));
        }

        tokens.AddRange(["ÀÉÎÕÜ", "ΣΑΣ", "ＡＢＣ", "黑龙江ABC", "𐐀𐐁Ab", "A𝐀Ω", "İstanbul"]);
        Assert.Equal(Lowered(tokens, (v, s) => new Lucene.Net.Analysis.Core.LowerCaseFilter(v, s)), Lowered(tokens, (v, s) => new InvariantLowerCaseFilter(v, s)));
        Assert.Contains("𐐨𐐩ab", Lowered(tokens, (v, s) => new InvariantLowerCaseFilter(v, s)));
        Assert.Contains("ｂ", string.Concat(Lowered(["ＡＢＣ"], (v, s) => new InvariantLowerCaseFilter(v, s))), StringComparison.Ordinal);
    }

    private static List<string> Lowered(IEnumerable<string> tokens, Func<Lucene.Net.Util.LuceneVersion, Lucene.Net.Analysis.TokenStream, Lucene.Net.Analysis.TokenStream> filter)
    {
        var terms = new List<string>();
        using var stream = filter(ChineseAnalysis.Version, new Lucene.Net.Analysis.Core.WhitespaceTokenizer(ChineseAnalysis.Version, new StringReader(string.Join(' ', tokens))));
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static string Postings(Lucene.Net.Index.AtomicReader reader, string field)
    {
        var sb = new System.Text.StringBuilder();
        var terms = reader.GetTerms(field).GetEnumerator();
        Lucene.Net.Index.DocsEnum? docs = null;
        while (terms.MoveNext())
        {
            sb.Append('(').Append(field).Append(':').Append(terms.Term.Utf8ToString()).Append(' ');
            docs = terms.Docs(null, docs, Lucene.Net.Index.DocsFlags.FREQS);
            while (docs.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
            {
                sb.Append(docs.DocID).Append('×').Append(docs.Freq).Append(' ');
            }

            sb.Append(')');
        }

        return sb.ToString();
    }
}
