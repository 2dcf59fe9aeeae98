using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>Tests that measure the process's managed heap run alone: other tests' allocations would be counted too.</summary>
[CollectionDefinition("Alone", DisableParallelization = true)]
public sealed class AloneCollection;

/// <summary>What people type is unbounded; what the engine keeps for it must not be.</summary>
[Trait("Category", "Load")]
[Collection("Alone")]
public class HostileQuestionTests
{
    private static string RandomQuestion(Random random)
    {
        var chars = new char[random.Next(6, 14)];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(0x4E00, 0x9FA6);
        }

        return new string(chars) + "是多少？";
    }

    [Fact]
    public void A_hundred_thousand_distinct_questions_keep_the_word_cache_bounded_and_memory_flat()
    {
        using var dir = TestPaths.NewTempDir();
        using var engine = QaEngine.Open(new EngineOptions(TestPaths.Seeds, dir.Sub("index")));
        var random = new Random(11);

        // Analysing a question and weighting its words is what fills the cache of word statistics.
        void Read(int count)
        {
            for (int i = 0; i < count; i++)
            {
                engine.Searcher.Weights(engine.Analyze(RandomQuestion(random)));
            }
        }

        Read(10_000);
        long early = HeapAfterCollect();
        Read(90_000);
        long late = HeapAfterCollect();

        Assert.InRange(((Retrieval.PassageSearcher)engine.Searcher).CachedIdfCount, 1, Retrieval.PassageSearcher.MaxCachedIdf);
        Assert.True(late - early < 16L * 1024 * 1024, $"the managed heap grew {(late - early) / 1024 / 1024} MB over 90,000 more questions");

        // And answering still works.
        Assert.Equal(SeedFacts.CadresAnswer, engine.Ask(SeedFacts.CadresQuestion).Text);
    }

    private static long HeapAfterCollect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
