using System.Diagnostics;
using Activity = Microsoft.Bot.Schema.Activity;
using CoopBot.Bot;
using CoopBot.Core;
using CoopBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoopBot.Bench;

/// <summary>
/// Not a goal but a guide (<c>--only profile</c>): what one chat turn costs, stage by stage, on one
/// thread, so optimisation goes where the time is.
/// </summary>
internal static class ProfileBench
{
    public static async Task RunAsync()
    {
        if (Directory.Exists(Paths.Cmrc))
        {
            // Analysis cost per indexed field, over the CMRC articles folded as the indexer folds them.
            var corpus = CoopBot.Engine.Ingestion.CorpusLoader.Load(Paths.Cmrc);
            var passages = corpus.DistinctPassages().ToList();
            var folded = passages.Select(p => CoopBot.Engine.Text.TextNormalizer.FoldPreservingOffsets(p.Text)).ToList();
            var contexts = passages.Select(p => CoopBot.Engine.Text.TextNormalizer.FoldPreservingOffsets(p.ArticleTitle + " " + (p.Heading ?? ""))).ToList();
            using var analyzer = CoopBot.Engine.Indexing.ChineseAnalysis.CreateAnalyzer();
            using var plain = new Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer(CoopBot.Engine.Indexing.ChineseAnalysis.Version);
            long bytes = passages.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Text));
            void Time(string what, Action run)
            {
                run();
                var c = Stopwatch.StartNew();
                run();
                Console.WriteLine($"  {what,-34} {bytes / 1048576.0 / c.Elapsed.TotalSeconds:F2} MB/s");
            }

            Time("SmartCn analyzer, raw text", () => folded.ForEach(t => CoopBot.Engine.Indexing.ChineseAnalysis.Terms(plain, "x", t)));
            Time("words field (wrapper)", () => folded.ForEach(t => CoopBot.Engine.Indexing.ChineseAnalysis.Terms(analyzer, CoopBot.Engine.Indexing.FieldNames.Words, t)));
            Time("bigrams field", () => folded.ForEach(t => CoopBot.Engine.Indexing.ChineseAnalysis.Terms(analyzer, CoopBot.Engine.Indexing.FieldNames.Bigrams, t)));
            Time("context field (per passage)", () => contexts.ForEach(t => CoopBot.Engine.Indexing.ChineseAnalysis.Terms(analyzer, CoopBot.Engine.Indexing.FieldNames.Context, t)));
        }

        var indexDir = Paths.NewTemp("profile-index");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["CoopBot:Seeds"] = Paths.Seeds, ["CoopBot:Index"] = indexDir, ["CoopBot:Database"] = Path.Combine(indexDir, "coopbot.db"), ["CoopBot:AnswerCacheEntries"] = "0", ["urls"] = "http://127.0.0.1:0" });
        builder.AddCoopBot();
        await using var app = builder.Build();
        await app.StartAsync();
        var engine = await app.Services.GetRequiredService<EngineHolder>().GetAsync(CancellationToken.None);
        var adapter = app.Services.GetRequiredService<AdapterWithErrorHandler>();
        var bot = app.Services.GetRequiredService<IBot>();
        var composer = app.Services.GetRequiredService<ReplyComposer>();
        var questions = Paths.GoldQuestions();
        Activity Message(int i) => new()
        {
            Type = ActivityTypes.Message, Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ChannelId = "directline", ServiceUrl = "http://localhost:9/",
            From = new ChannelAccount("u"), Recipient = new ChannelAccount("b"), Conversation = new ConversationAccount(id: "c" + (i % 16)), Text = questions[i % questions.Count],
        };

        for (int i = 0; i < 300; i++)
        {
            await adapter.ProcessDirectLineTurnAsync(Message(i), bot, CancellationToken.None);
        }

        const int N = 3000;
        for (int i = 0; i < 3000; i++)
        {
            engine.Ask(questions[i % questions.Count]);
        }

        var answers = questions.Select(q => engine.Ask(q)).ToList();
        foreach (var q in questions)
        {
            var c = Stopwatch.StartNew();
            for (int i = 0; i < 50; i++)
            {
                engine.Ask(q);
            }

            if (c.Elapsed.TotalMilliseconds / 50 > 0.8)
            {
                Console.WriteLine($"  slow question: {c.Elapsed.TotalMilliseconds / 50:F2} ms  {q}");
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 300; i++)
        {
            engine.Ask(questions[i % questions.Count]);
        }

        Console.WriteLine($"  allocated per engine.Ask: {(GC.GetAllocatedBytesForCurrentThread() - before) / 300 / 1024} KB");
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 300; i++)
        {
            engine.Analyze(questions[i % questions.Count]);
        }

        Console.WriteLine($"  allocated per question analysis: {(GC.GetAllocatedBytesForCurrentThread() - before) / 300 / 1024} KB");
        Console.WriteLine($"profile, per question on one thread, mean of {N}:");
        Console.WriteLine($"  engine.Ask            {Measure(N, i => engine.Ask(questions[i % questions.Count])):F3} ms");
        Console.WriteLine($"  analyze question      {Measure(N, i => engine.Analyze(questions[i % questions.Count])):F3} ms");
        Console.WriteLine($"  compose answer        {Measure(N, i => composer.Answer(answers[i % answers.Count], "directline", "http://x")):F3} ms");
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < N; i++)
        {
            await adapter.ProcessDirectLineTurnAsync(Message(i), bot, CancellationToken.None);
        }

        Console.WriteLine($"  whole turn (adapter)  {clock.Elapsed.TotalMilliseconds / N:F3} ms");
        var echo = new EchoBot();
        for (int i = 0; i < 300; i++)
        {
            await adapter.ProcessDirectLineTurnAsync(Message(i), echo, CancellationToken.None);
        }

        clock.Restart();
        for (int i = 0; i < N; i++)
        {
            await adapter.ProcessDirectLineTurnAsync(Message(i), echo, CancellationToken.None);
        }

        Console.WriteLine($"  echo turn (adapter)   {clock.Elapsed.TotalMilliseconds / N:F3} ms");
        clock.Restart();
        for (int i = 0; i < N; i++)
        {
            var fresh = Message(i);
            fresh.Conversation = new ConversationAccount(id: "fresh-" + i);
            await adapter.ProcessDirectLineTurnAsync(fresh, bot, CancellationToken.None);
        }

        Console.WriteLine($"  turn, new conversation each time {clock.Elapsed.TotalMilliseconds / N:F3} ms");
        var replies = await adapter.ProcessDirectLineTurnAsync(Message(0), bot, CancellationToken.None);
        Console.WriteLine($"  serialise replies     {Measure(N, _ => Newtonsoft.Json.JsonConvert.SerializeObject(new ExpectedReplies(replies.ToList()))):F3} ms ({Newtonsoft.Json.JsonConvert.SerializeObject(new ExpectedReplies(replies.ToList())).Length} chars)");
        foreach (int threads in new[] { 1, 2, 16 })
        {
            clock.Restart();
            Parallel.For(0, N, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => engine.Ask(questions[i % questions.Count]));
            Console.WriteLine($"  engine.Ask on {threads,2} threads: {N / clock.Elapsed.TotalSeconds:F0} questions/s; gen0 GCs so far {GC.CollectionCount(0)}, gen2 {GC.CollectionCount(2)}");
        }
        var generation = Path.Combine(indexDir, File.ReadAllText(Path.Combine(indexDir, "CURRENT")).Trim());
        using var dir = Lucene.Net.Store.FSDirectory.Open(generation);
        using var reader = Lucene.Net.Index.DirectoryReader.Open(dir);
        var searcher = new Lucene.Net.Search.IndexSearcher(reader);
        // The passages' texts: the index holds article and page-file documents too (schema 7), and
        // only passages carry a passage record.
        var passageDocs = searcher.Search(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(CoopBot.Engine.Indexing.FieldNames.Kind, CoopBot.Engine.Indexing.FieldNames.PassageKind)), Math.Max(1, reader.MaxDoc)).ScoreDocs;
        var texts = passageDocs
            .Select(h => CoopBot.Engine.Indexing.IndexJson.Read<CoopBot.Engine.Indexing.PassageRecord>(searcher.Doc(h.Doc).Get(CoopBot.Engine.Indexing.FieldNames.Record)).Text)
            .ToList();
        var query = new Lucene.Net.Search.BooleanQuery();
        foreach (var t in new[] { "两", "省", "合作", "签约", "额" })
        {
            query.Add(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term("words", t)), Lucene.Net.Search.Occur.SHOULD);
        }

        Scale("Lucene search top 30", i => searcher.Search(query, 30));
        Scale("30 stored docs", i => { for (int d = 0; d < 30; d++) { searcher.Doc((i + d) % reader.MaxDoc); } });
        using (var mmap = new Lucene.Net.Store.MMapDirectory(new DirectoryInfo(generation)))
        using (var mmapReader = Lucene.Net.Index.DirectoryReader.Open(mmap))
        {
            var mmapSearcher = new Lucene.Net.Search.IndexSearcher(mmapReader);
            Console.WriteLine($"  FSDirectory.Open gives {dir.GetType().Name}");
            Scale("30 stored docs, mmap", i => { for (int d = 0; d < 30; d++) { mmapSearcher.Doc((i + d) % reader.MaxDoc); } });
            Scale("search top 30, mmap", i => mmapSearcher.Search(query, 30));
        }

        Scale("fold 30 passages", i => { for (int d = 0; d < 30; d++) { CoopBot.Engine.Text.TextNormalizer.FoldPreservingOffsets(texts[(i + d) % texts.Count]); } });
        Scale("analyze question", i => engine.Analyze(questions[i % questions.Count]));
        await app.StopAsync();
        Directory.Delete(indexDir, recursive: true);
    }

    private static void Scale(string what, Action<int> work)
    {
        const int n = 20_000;
        var rates = new List<string>();
        foreach (int threads in new[] { 1, 2 })
        {
            var clock = Stopwatch.StartNew();
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, work);
            rates.Add($"{threads} thread(s) {n / clock.Elapsed.TotalSeconds:F0}/s");
        }

        Console.WriteLine($"  {what,-22} {string.Join(", ", rates)}");
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
    }

    private static double Measure(int n, Action<int> work)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            work(i);
        }

        return clock.Elapsed.TotalMilliseconds / n;
    }
}
