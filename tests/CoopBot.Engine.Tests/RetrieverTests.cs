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
