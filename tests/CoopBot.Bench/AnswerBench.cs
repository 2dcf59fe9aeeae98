using System.Diagnostics;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Indexing;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace CoopBot.Bench;

/// <summary>
/// 1. Answer latency: the whole answer path (normalise, analyse, search, extract, compose) over the
/// gold questions, against a plain Lucene search of the same questions over the same index
/// (SmartCn analysis, BM25, top 5 with their stored text, nothing else), interleaved in one process.
/// </summary>
internal static class AnswerBench
{
    public static IEnumerable<Row> Run(BenchOptions options)
    {
        var indexDir = Paths.NewTemp("answer-index");
        // The answer cache off: the same 30 questions repeat, and the path is what is measured here.
        using var engine = QaEngine.Open(new EngineOptions(Paths.Seeds, indexDir) { AnswerCacheEntries = 0 });
        var generation = Path.Combine(indexDir, File.ReadAllText(Path.Combine(indexDir, "CURRENT")).Trim());
        using var dir = FSDirectory.Open(generation);
        using var reader = DirectoryReader.Open(dir);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        using var smartCn = new SmartChineseAnalyzer(ChineseAnalysis.Version);
        var questions = Paths.GoldQuestions();

        int PlainSearch(string question)
        {
            var query = new BooleanQuery();
            foreach (var term in ChineseAnalysis.Terms(smartCn, FieldNames.Words, question))
            {
                query.Add(new TermQuery(new Term(FieldNames.Words, term)), Occur.SHOULD);
            }

            int chars = 0;
            foreach (var hit in searcher.Search(query, 5).ScoreDocs)
            {
                // The passage's stored record (its text and first printing), as the engine reads it.
                chars += searcher.Doc(hit.Doc).Get(FieldNames.Record).Length;
            }

            return chars;
        }

        int Answer(string question) => engine.Ask(question).Passages.Count;

        // Warm up both paths (JIT, caches), then measure them interleaved, alternating which goes first.
        for (int i = 0; i < 30; i++)
        {
            foreach (var q in questions)
            {
                PlainSearch(q);
                Answer(q);
            }
        }

        var plain = new List<double>();
        var full = new List<double>();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        for (int round = 0; round < options.Rounds; round++)
        {
            foreach (var q in questions)
            {
                if (round % 2 == 0)
                {
                    plain.Add(Time(() => PlainSearch(q)));
                    full.Add(Time(() => Answer(q)));
                }
                else
                {
                    full.Add(Time(() => Answer(q)));
                    plain.Add(Time(() => PlainSearch(q)));
                }
            }
        }

        Console.WriteLine($"answer: during measurement GCs gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}; answers over 2 ms: {full.Count(x => x > 2)}, plain over 2 ms: {plain.Count(x => x > 2)}");
        plain.Sort();
        full.Sort();
        double p50 = Stats.Percentile(full, 0.5), p99 = Stats.Percentile(full, 0.99);
        double f50 = Stats.Percentile(plain, 0.5), f99 = Stats.Percentile(plain, 0.99);
        Console.WriteLine($"answer: {full.Count} answers; full p50 {p50:F3} ms p99 {p99:F3} ms; plain p50 {f50:F3} ms p99 {f99:F3} ms");
        yield return new Row(
            $"1. Answer latency, seed, {questions.Count} gold questions × {options.Rounds}",
            $"p50 {Stats.F(p50, 3)} ms, p99 {Stats.F(p99, 3)} ms",
            $"plain Lucene p50 {Stats.F(f50, 3)} ms, p99 {Stats.F(f99, 3)} ms",
            $"p99 {Stats.F(p99 / f99)}×, p50 {Stats.F(p50 / f50)}×",
            "p99 ≤ 2×, p50 < 1 ms",
            p99 / f99 <= 2 && p50 < 1);
        System.IO.Directory.Delete(indexDir, recursive: true);
    }

    private static double Time(Func<int> work)
    {
        long start = Stopwatch.GetTimestamp();
        work();
        return Stats.Ms(Stopwatch.GetTimestamp() - start);
    }
}
