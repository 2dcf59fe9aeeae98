using CoopBot.Engine.Answering;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>The engine asks its retriever through <see cref="IPassageRetriever"/> alone, so another one (a search cluster) can stand in.</summary>
public class RetrieverTests
{
    [Fact]
    public void The_engine_answers_from_whatever_the_retriever_gives_and_refuses_when_it_gives_nothing()
    {
        using var dir = TestPaths.NewTempDir();
        CountingRetriever? counting = null;
        using (var engine = QaEngine.Open(new EngineOptions(TestPaths.Seeds, dir.Sub("index")) { AnswerCacheEntries = 0, Retriever = lucene => counting = new CountingRetriever(lucene) }))
        {
            var answer = engine.Ask("有多少名干部赴广东学习培训？");
            Assert.Equal("2546名", answer.Text);
            Assert.True(counting!.Searches >= 1);
        }

        using var empty = QaEngine.Open(new EngineOptions(TestPaths.Seeds, dir.Sub("index")) { AnswerCacheEntries = 0, Retriever = lucene => new CountingRetriever(lucene) { Empty = true } });
        var refused = empty.Ask("有多少名干部赴广东学习培训？");
        Assert.False(refused.Answered);
        Assert.Equal(NoAnswerReason.NotInArticles, refused.Reason);
        Assert.Empty(refused.Passages);
    }

    [Fact]
    public void Terms_most_passages_hold_are_left_out_of_the_query_only_while_a_rarer_term_remains()
    {
        using var dir = TestPaths.NewTempDir();
        var questions = File.ReadLines(Path.Combine(TestPaths.Root, "tests", "CoopBot.Engine.Tests", "Data", "dev.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!).ToList();
        string Answers(AnswerTuning tuning)
        {
            using var engine = QaEngine.Open(new EngineOptions(TestPaths.Seeds, dir.Sub("index")) { AnswerCacheEntries = 0, Tuning = tuning });
            return string.Join("\n", questions.Select(q => engine.Ask(q)).Select(a => a.Text + " " + string.Join(",", a.Passages.Select(p => p.Passage.Id))));
        }

        var shipped = Answers(AnswerTuning.Default);

        // The seed page is far below the floor: nothing is common, the shipped default changes nothing.
        Assert.Equal(shipped, Answers(AnswerTuning.Default with { CommonTermMinDocs = SeedFacts.Passages + 1 }));

        // Every term common: no rarer term remains, and the query is kept whole.
        Assert.Equal(shipped, Answers(AnswerTuning.Default with { CommonTermShare = 0, CommonTermMinDocs = 0 }));

        // Terms held by more than a tenth of the page's passages left out: the query changes, and the
        // questions the page answers by a rarer term still get their answers.
        var pruned = Answers(AnswerTuning.Default with { CommonTermShare = 0.1, CommonTermMinDocs = 0 });
        Assert.NotEqual(shipped, pruned);
        using var engine = QaEngine.Open(new EngineOptions(TestPaths.Seeds, dir.Sub("index")) { AnswerCacheEntries = 0, Tuning = AnswerTuning.Default with { CommonTermShare = 0.1, CommonTermMinDocs = 0 } });
        Assert.Equal(SeedFacts.CadresAnswer, engine.Ask(SeedFacts.CadresQuestion).Text);
        Assert.Equal(SeedFacts.TotalAnswer, engine.Ask(SeedFacts.TotalQuestion).Text);
    }

    private sealed class CountingRetriever(IPassageRetriever inner) : IPassageRetriever
    {
        public int Searches { get; private set; }

        public bool Empty { get; init; }

        public double Idf(string word) => inner.Idf(word);

        public IReadOnlyDictionary<string, double> Weights(QuestionAnalysis question) => inner.Weights(question);

        public IReadOnlyList<PassageHit> Search(QuestionAnalysis question, IReadOnlyDictionary<string, double> weights, int max = int.MaxValue)
        {
            Searches++;
            return Empty ? [] : inner.Search(question, weights, max);
        }
    }
}
