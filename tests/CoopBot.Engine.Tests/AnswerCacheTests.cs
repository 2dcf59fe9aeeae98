using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>The answer cache: repeated questions get the same answer without a search, it stays bounded, and it can be off.</summary>
[Trait("Category", "Unit")]
public sealed class AnswerCacheTests : IDisposable
{
    private const string Q1 = SeedFacts.TotalQuestion;
    private const string Q2 = SeedFacts.CadresQuestion;
    private const string Q3 = "深哈产业园与哪家企业合作共建人才社区？";
    private readonly TempDir _dir = TestPaths.NewTempDir();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_repeated_question_is_answered_from_the_cache_with_the_searched_answer()
    {
        using var cached = Open(entries: 2);
        using var uncached = Open(entries: 0);

        var first = cached.Ask(Q1);
        var again = cached.Ask(Q1);

        Assert.Same(first, again);
        Assert.Equal((1L, 1L), cached.AnswerCacheStatistics);
        var searched = uncached.Ask(Q1);
        Assert.Equal(SeedFacts.TotalAnswer, again.Text);
        Assert.Equal(searched.Text, again.Text);
        Assert.Equal(searched.Passages.Select(p => (p.Passage.Id, p.AnswerStart, p.AnswerLength)), again.Passages.Select(p => (p.Passage.Id, p.AnswerStart, p.AnswerLength)));
        Assert.Equal((0L, 0L), uncached.AnswerCacheStatistics);
    }

    [Fact]
    public void The_cache_keeps_the_most_recent_answers_up_to_its_size()
    {
        using var engine = Open(entries: 2);

        engine.Ask(Q1);
        engine.Ask(Q2);
        engine.Ask(Q1); // hit: Q1 is now the most recent, Q2 the oldest
        engine.Ask(Q3); // evicts Q2
        engine.Ask(Q1); // hit
        engine.Ask(Q2); // miss: it was evicted

        Assert.Equal((2L, 4L), engine.AnswerCacheStatistics);
    }

    [Fact]
    public void More_passages_for_the_same_question_is_a_different_entry()
    {
        using var engine = Open(entries: 8);

        var five = engine.Ask(Q1);
        var eight = engine.Ask(Q1, 8);

        Assert.Equal((0L, 2L), engine.AnswerCacheStatistics);
        Assert.True(eight.Passages.Count > five.Passages.Count);
        Assert.Equal(five.Passages.Select(p => p.Passage.Id), eight.Passages.Take(five.Passages.Count).Select(p => p.Passage.Id));
    }

    private QaEngine Open(int entries) =>
        QaEngine.Open(new EngineOptions(TestPaths.Seeds, _dir.Sub("index")) { AnswerCacheEntries = entries });
}
