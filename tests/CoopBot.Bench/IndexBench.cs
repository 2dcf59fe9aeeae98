using System.Diagnostics;
using System.Text;
using CoopBot.Engine.Indexing;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;

namespace CoopBot.Bench;

/// <summary>
/// 2. Index build: MB/s of article text into a committed index (the whole <c>index</c> path: read,
/// parse, analyse, write, commit), against SmartChineseAnalyzer's own tokenizing speed over the same
/// text on one thread. Corpus: the seed plus the CMRC 2018 articles, repeated to each size, each copy
/// made distinct so that nothing is dropped as a duplicate.
/// </summary>
internal static class IndexBench
{
    public static IEnumerable<Row> Run(BenchOptions options)
    {
        if (!Directory.Exists(Paths.Cmrc))
        {
            Console.WriteLine($"index: skipped, {Paths.Cmrc} not found");
            yield break;
        }

        var sources = Directory.GetFiles(Paths.Seeds).Concat(Directory.GetFiles(Paths.Cmrc).Order(StringComparer.Ordinal))
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        var rates = new List<double>();

        // One unmeasured round first, as every benchmark warms up: the floor and a build over the
        // first size. Otherwise the first size alone pays for JIT compilation and the runtime's
        // tiering (both the floor and the build ran 10-20% slower there).
        var warmSeeds = Paths.NewTemp("index-warmup-seeds");
        var warmIndex = Paths.NewTemp("index-warmup");
        Tokenize(WriteCorpus(sources, warmSeeds, options.SizesMb[0] * 1024L * 1024));
        new IndexStore(warmIndex).Build(warmSeeds);
        Directory.Delete(warmSeeds, recursive: true);
        Directory.Delete(warmIndex, recursive: true);

        foreach (var mb in options.SizesMb)
        {
            var seeds = Paths.NewTemp($"index-{mb}mb-seeds");
            var texts = WriteCorpus(sources, seeds, mb * 1024L * 1024);
            long bytes = texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t));

            double floorSeconds = Tokenize(texts);
            var indexDir = Paths.NewTemp($"index-{mb}mb");
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var manifest = new IndexStore(indexDir, new ConsoleLog()).Build(seeds);
            double buildSeconds = clock.Elapsed.TotalSeconds;

            double floorRate = bytes / 1048576.0 / floorSeconds, buildRate = bytes / 1048576.0 / buildSeconds;
            rates.Add(buildRate);
            Console.WriteLine($"index {mb} MB: {manifest.Articles} articles, {manifest.Passages} passages; build {buildSeconds:F1} s = {buildRate:F2} MB/s; SmartCn one thread {floorSeconds:F1} s = {floorRate:F2} MB/s");
            yield return new Row(
                $"2. Index build, {Stats.F(bytes / 1048576.0, 1)} MB ({manifest.Passages:N0} passages)",
                $"{Stats.F(buildRate)} MB/s ({Stats.F(buildSeconds, 1)} s)",
                $"SmartCn tokenizer, 1 thread: {Stats.F(floorRate)} MB/s",
                $"{Stats.F(buildRate / floorRate)}×",
                "≥ 1.5×",
                buildRate / floorRate >= 1.5);
            if (mb == options.SizesMb[0])
            {
                foreach (var row in Stages(seeds, bytes, floorRate))
                {
                    yield return row;
                }
            }

            Directory.Delete(seeds, recursive: true);
            Directory.Delete(indexDir, recursive: true);
        }

        if (rates.Count > 1)
        {
            double spread = rates.Max() / rates.Min();
            yield return new Row("2. Index build, linearity", $"MB/s {string.Join(" / ", rates.Select(r => Stats.F(r)))}", "", $"max/min {Stats.F(spread)}", "≤ 1.25 (linear)", spread <= 1.25);
        }
    }

    /// <summary>
    /// Not goals but the reason for the ratio: the build's two stages alone, each on one thread. A build
    /// on two cores cannot beat the slower stage on one thread by more than two, and the writer stage
    /// (Lucene.Net inverting and storing already-analysed passages) cannot be split without a merge.
    /// </summary>
    private static IEnumerable<Row> Stages(string seeds, long bytes, double floorRate)
    {
        var passages = CoopBot.Engine.Ingestion.CorpusLoader.Load(seeds).DistinctPassages().ToList();
        using var analyzer = ChineseAnalysis.CreateIndexingAnalyzer();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var documents = passages.Select((p, i) => IndexStore.ToDocument(p, i, analyzer)).ToList();
        double analyse = clock.Elapsed.TotalSeconds;

        var dir = Paths.NewTemp("index-writer-only");
        GC.Collect();
        clock.Restart();
        using (var fs = Lucene.Net.Store.FSDirectory.Open(dir))
        using (var writer = new Lucene.Net.Index.IndexWriter(fs, IndexStore.WriterConfig(analyzer)))
        {
            foreach (var document in documents)
            {
                writer.AddDocument(document);
            }

            writer.Commit();
        }

        double write = clock.Elapsed.TotalSeconds;
        Directory.Delete(dir, recursive: true);
        double mb = bytes / 1048576.0;
        Console.WriteLine($"index stages, {Stats.F(mb, 1)} MB, one thread each: analyse {analyse:F1} s = {mb / analyse:F2} MB/s; write and commit {write:F1} s = {mb / write:F2} MB/s");
        yield return new Row($"2. Index build, stage: analysis alone, 1 thread ({Stats.F(mb, 1)} MB)", $"{Stats.F(mb / analyse)} MB/s", "", $"{Stats.F(mb / analyse / floorRate)}×", "(diagnostic)", null);
        yield return new Row($"2. Index build, stage: Lucene.Net writing pre-analysed passages, 1 thread ({Stats.F(mb, 1)} MB)", $"{Stats.F(mb / write)} MB/s", "", $"{Stats.F(mb / write / floorRate)}×", "(diagnostic)", null);
    }

    /// <summary>Writes copies of the sources until <paramref name="target"/> bytes; copy k marks each sentence end with (k).</summary>
    private static List<string> WriteCorpus(List<(string Name, string Text)> sources, string dir, long target)
    {
        var texts = new List<string>();
        long total = 0;
        for (int copy = 0; total < target; copy++)
        {
            foreach (var (name, text) in sources)
            {
                var marked = copy == 0 ? text : text.Replace("。", $"（{copy}）。", StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(dir, $"{copy:D3}_{name}"), marked, new UTF8Encoding(false));
                texts.Add(marked);
                total += Encoding.UTF8.GetByteCount(marked);
                if (total >= target)
                {
                    break;
                }
            }
        }

        return texts;
    }

    /// <summary>Seconds SmartChineseAnalyzer takes to tokenize the texts on one thread (after a warm-up on the first 20).</summary>
    internal static double Tokenize(List<string> texts)
    {
        using var analyzer = new SmartChineseAnalyzer(ChineseAnalysis.Version);
        Consume(analyzer, texts.Take(20));
        var clock = Stopwatch.StartNew();
        Consume(analyzer, texts);
        return clock.Elapsed.TotalSeconds;
    }

    private static long Consume(SmartChineseAnalyzer analyzer, IEnumerable<string> texts)
    {
        long tokens = 0;
        foreach (var text in texts)
        {
            using var stream = analyzer.GetTokenStream("f", text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                tokens += term.Length;
            }

            stream.End();
        }

        return tokens;
    }
}
