using CoopBot.Engine.Answering;
using CoopBot.Engine.Indexing;
using Lucene.Net.Index;

namespace CoopBot.Engine.Tests;

/// <summary>
/// Issue 12: a page file added, changed or deleted updates only that file's articles and passages, in
/// the same index, visible without a restart and all at once; what results is what a full build of
/// the folder gives; a crash before the update's commit leaves the index as it was; reprints across
/// pages stay detected as pages come and go.
/// </summary>
[Trait("Category", "Integration")]
public class IncrementalIndexTests
{
    private const string IcePage = "冰雪旅游火热\n\n□本报记者 李冰\n\n哈尔滨冰雪大世界的门票为每人{0}元,今年接待游客超过{1}万人次。\n\n亚布力滑雪场的门票为每人{0}元,雪季从11月开始。\n";

    private const string FairPage = "龙粤合作成果展开幕\n\n□本报记者 王明\n\n对口合作成果展在广州开幕,集中展示两省五年来的合作成果,共有186家企业参展。\n";

    private static string Ice(int price, int visitors) => string.Format(System.Globalization.CultureInfo.InvariantCulture, IcePage, price, visitors);

    [Fact]
    public void A_page_added_changed_and_deleted_is_applied_by_itself_and_ends_as_a_full_build_would()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, Path.GetFileName(TestPaths.SeedFile)));
        var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));
        try
        {
            Assert.Null(engine.Refresh());
            Assert.False(engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Answered);

            // Added: only the new page's passages are written.
            File.WriteAllText(Path.Combine(seeds, "2023-01-05-p07.txt"), Ice(330, 120));
            engine = Swap(engine, engine.Refresh());
            Assert.Equal(new IndexUpdate(1, 0, 0, 2, engine.LastUpdate!.Milliseconds), engine.LastUpdate);
            Assert.Equal("330元", engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Text);
            Assert.Equal(SeedFacts.CadresAnswer, engine.Ask(SeedFacts.CadresQuestion).Text);
            Assert.Equal(SeedFacts.Articles + 1, engine.Manifest.Articles);
            Assert.Equal(SeedFacts.Passages + 2, engine.Manifest.Passages);
            Assert.Equal(FullBuild(seeds, dir.Sub("full1")), Contents(engine));

            // Changed: the page's old passages go, its new ones come; the seed page is not touched.
            File.WriteAllText(Path.Combine(seeds, "2023-01-05-p07.txt"), Ice(360, 150));
            engine = Swap(engine, engine.Refresh());
            Assert.Equal(new IndexUpdate(0, 1, 0, 2, engine.LastUpdate!.Milliseconds), engine.LastUpdate);
            Assert.Equal("360元", engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Text);
            Assert.Equal(SeedFacts.Passages + 2, engine.Manifest.Passages);
            Assert.Equal(FullBuild(seeds, dir.Sub("full2")), Contents(engine));

            // Deleted: the page's articles and passages are gone, and the index is the seed page's again.
            File.Delete(Path.Combine(seeds, "2023-01-05-p07.txt"));
            engine = Swap(engine, engine.Refresh());
            Assert.Equal(new IndexUpdate(0, 0, 1, 0, engine.LastUpdate!.Milliseconds), engine.LastUpdate);
            Assert.False(engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Answered);
            Assert.Equal(SeedFacts.Articles, engine.Manifest.Articles);
            Assert.Equal(SeedFacts.Passages, engine.Manifest.Passages);
            Assert.Equal(FullBuild(seeds, dir.Sub("full3")), Contents(engine));
        }
        finally
        {
            engine.Dispose();
        }
    }

    [Fact]
    public void A_watcher_s_changes_are_applied_by_looking_at_the_files_named_only()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, Path.GetFileName(TestPaths.SeedFile)));
        var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));
        try
        {
            File.WriteAllText(Path.Combine(seeds, "2023-01-05-p07.txt"), Ice(330, 120));
            File.WriteAllText(Path.Combine(seeds, "2023-01-06-p01.txt"), FairPage);

            // Named: applied. Not named: left for the poll, which looks at every file.
            engine = Swap(engine, engine.Refresh(["2023-01-05-p07.txt", "never-there.txt"]));
            Assert.Equal(1, engine.LastUpdate!.Added);
            Assert.Equal("330元", engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Text);
            Assert.NotEqual("186家", engine.Ask("有多少家企业参展？").Text);

            engine = Swap(engine, engine.Refresh());
            Assert.Equal("186家", engine.Ask("有多少家企业参展？").Text);

            // A named file that is gone is taken out.
            File.Delete(Path.Combine(seeds, "2023-01-05-p07.txt"));
            engine = Swap(engine, engine.Refresh(["2023-01-05-p07.txt"]));
            Assert.Equal(1, engine.LastUpdate!.Removed);
            Assert.False(engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Answered);
            Assert.Equal(FullBuild(seeds, dir.Sub("full")), Contents(engine));
        }
        finally
        {
            engine.Dispose();
        }
    }

    [Fact]
    public void A_host_opens_the_index_as_it_is_and_applies_what_changed_while_it_was_down_afterwards()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, Path.GetFileName(TestPaths.SeedFile)));
        new IndexStore(dir.Sub("index")).Build(seeds);
        File.WriteAllText(Path.Combine(seeds, "2023-01-05-p07.txt"), Ice(330, 120));

        var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")) { UpdateOnOpen = false });
        try
        {
            Assert.Equal(SeedFacts.Passages, engine.Manifest.Passages);
            Assert.Equal(SeedFacts.CadresAnswer, engine.Ask(SeedFacts.CadresQuestion).Text);
            engine = Swap(engine, engine.Refresh());
            Assert.Equal("330元", engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Text);
        }
        finally
        {
            engine.Dispose();
        }
    }

    [Fact]
    public void A_page_touched_without_a_change_is_not_reindexed()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        var page = Path.Combine(seeds, "2023-01-05-p07.txt");
        File.WriteAllText(page, Ice(330, 120));
        using var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));

        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddMinutes(5));
        using var next = engine.Refresh();

        Assert.True(next is null || next.LastUpdate is { Any: false, PassagesWritten: 0 });
    }

    [Fact]
    public void A_file_not_read_and_touched_stays_listed_as_not_read()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.WriteAllText(Path.Combine(seeds, "2023-01-05-p07.txt"), Ice(330, 120));
        var scan = Path.Combine(seeds, "scan.bin");
        File.WriteAllBytes(scan, [0xFF, 0xFE, 0x00, 0xD8, 0x00, 0xDC, 0x00, 0x00, 0xC0, 0xAF]);
        var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));
        try
        {
            var skipped = Assert.Single(engine.Manifest.Skipped);
            Assert.Equal("scan.bin", skipped.Path);

            File.SetLastWriteTimeUtc(scan, DateTime.UtcNow.AddMinutes(5));
            if (engine.Refresh(["scan.bin"]) is { } next)
            {
                engine.Dispose();
                engine = next;
            }

            Assert.Equal(skipped, Assert.Single(engine.Manifest.Skipped));
        }
        finally
        {
            engine.Dispose();
        }
    }

    [Fact]
    public void A_reprint_on_another_page_survives_the_first_printing_being_deleted()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.WriteAllText(Path.Combine(seeds, "2023-01-05-p01.txt"), FairPage);
        File.WriteAllText(Path.Combine(seeds, "2023-01-09-p03.txt"), FairPage);
        var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));
        try
        {
            Assert.Equal(1, engine.Manifest.Articles);
            Assert.Equal(1, engine.Manifest.DuplicateArticles);
            var first = engine.Ask("有多少家企业参展？");
            Assert.Equal("186家", first.Text);
            Assert.Equal(new DateOnly(2023, 1, 5), first.Passages[0].Passage.Published);

            File.Delete(Path.Combine(seeds, "2023-01-05-p01.txt"));
            engine = Swap(engine, engine.Refresh());

            // Still answered, now quoting the reprint, with its page's date; no longer a duplicate.
            var reprint = engine.Ask("有多少家企业参展？");
            Assert.Equal("186家", reprint.Text);
            Assert.Equal(new DateOnly(2023, 1, 9), reprint.Passages[0].Passage.Published);
            Assert.Equal("2023-01-09-p03.txt", engine.FindArticle(reprint.Passages[0].Passage.ArticleId)!.Source);
            Assert.Equal(0, engine.Manifest.DuplicateArticles);
            Assert.Equal(FullBuild(seeds, dir.Sub("full")), Contents(engine));

            // Printed again earlier: the earlier printing is quoted again.
            File.WriteAllText(Path.Combine(seeds, "2023-01-02-p05.txt"), FairPage);
            engine = Swap(engine, engine.Refresh());
            Assert.Equal(new DateOnly(2023, 1, 2), engine.Ask("有多少家企业参展？").Passages[0].Passage.Published);
            Assert.Equal(1, engine.Manifest.DuplicateArticles);
            Assert.Equal(FullBuild(seeds, dir.Sub("full2")), Contents(engine));
        }
        finally
        {
            engine.Dispose();
        }
    }

    [Fact]
    public async Task Questions_asked_while_pages_are_added_changed_and_deleted_never_fail_nor_see_half_a_page()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, Path.GetFileName(TestPaths.SeedFile)));
        var page = Path.Combine(seeds, "2023-01-05-p07.txt");
        var current = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")) { AnswerCacheEntries = 0 });
        var retired = new System.Collections.Concurrent.ConcurrentQueue<QaEngine>();
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int asked = 0;

        // Each reader takes the engine in use, as the bot does per turn, and asks about both halves of
        // the changing page: one snapshot must give both from the same version of the page.
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var engine = Volatile.Read(ref current);
                try
                {
                    var seed = engine.Ask(SeedFacts.CadresQuestion);
                    var ice = engine.Ask("哈尔滨冰雪大世界的门票多少钱？");
                    var ski = engine.Ask("亚布力滑雪场的门票多少钱？");
                    if (seed.Text != SeedFacts.CadresAnswer)
                    {
                        failures.Enqueue("seed: " + seed.Text);
                    }

                    if (ice.Answered != ski.Answered || (ice.Answered && ice.Text != ski.Text))
                    {
                        failures.Enqueue($"half a page: {ice.Text} / {ski.Text}");
                    }

                    Interlocked.Increment(ref asked);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e.GetType().Name + ": " + e.Message);
                }
            }
        })).ToList();

        try
        {
            var seen = new HashSet<string>();
            for (int round = 0; round < 12; round++)
            {
                if (round % 3 == 2)
                {
                    File.Delete(page);
                }
                else
                {
                    File.WriteAllText(page, Ice(300 + (10 * round), 100 + round));
                }

                var next = Volatile.Read(ref current).Refresh();
                Assert.NotNull(next);
                retired.Enqueue(Interlocked.Exchange(ref current, next));
                seen.Add(next.Ask("哈尔滨冰雪大世界的门票多少钱？").Text ?? "refused");
                await Task.Delay(50);
            }

            Assert.Contains("refused", seen);
            Assert.Contains("310元", seen);
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(readers);
            foreach (var engine in retired)
            {
                engine.Dispose();
            }

            current.Dispose();
        }

        Assert.Empty(failures);
        Assert.True(asked > 12, $"only {asked} rounds of questions ran");
    }

    [Fact]
    public void A_crash_before_an_update_commits_leaves_the_previous_index_and_the_next_open_applies_the_change()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, Path.GetFileName(TestPaths.SeedFile)));
        var store = new IndexStore(dir.Sub("index"));
        store.Build(seeds);
        File.WriteAllText(Path.Combine(seeds, "2023-01-05-p07.txt"), Ice(330, 120));

        // What the disk holds when the process dies after the update's documents are written and before
        // its commit: copied at that moment, then the update is abandoned.
        var crashed = dir.Sub("crashed");
        store.BeforeCommit = generation =>
        {
            CopyDirectory(store.IndexDir, crashed);
            Assert.Contains(Directory.GetFiles(generation), f => Path.GetFileName(f).StartsWith("_", StringComparison.Ordinal) && File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddMinutes(-1));
            throw new SimulatedCrash();
        };
        Assert.Throws<SimulatedCrash>(() => store.OpenOrBuild(seeds));

        // The crashed copy opens at its last commit, consistent, and the next open applies the page.
        var reopened = new IndexStore(crashed);
        using (var before = new Lucene.Net.Store.SimpleFSDirectory(new DirectoryInfo(Path.Combine(crashed, File.ReadAllText(Path.Combine(crashed, "CURRENT")).Trim()))))
        using (var reader = DirectoryReader.Open(before))
        {
            Assert.Equal(SeedFacts.Passages, reader.DocFreq(new Term(FieldNames.Kind, FieldNames.PassageKind)));
            Assert.Single(IndexStore.FileTable(reader));
        }

        using (var engine = QaEngine.Open(new EngineOptions(seeds, crashed)))
        {
            Assert.Equal(SeedFacts.Passages + 2, engine.Manifest.Passages);
            Assert.Equal("330元", engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Text);
            Assert.Equal(FullBuild(seeds, dir.Sub("full")), Contents(engine));
        }

        // The store whose update failed is at its last commit too, and updates next time.
        store.BeforeCommit = null;
        using (var engine = QaEngine.Open(new EngineOptions(seeds, store.IndexDir)))
        {
            Assert.Equal("330元", engine.Ask("哈尔滨冰雪大世界的门票多少钱？").Text);
        }
    }

    [Fact]
    public void Opening_an_index_reads_no_passage_until_a_question_needs_it()
    {
        using var dir = TestPaths.NewTempDir();
        using var engine = QaEngine.Open(new EngineOptions(TestPaths.Seeds, dir.Sub("index")));

        Assert.Equal(0, engine.Index.CachedPassages);
        engine.Ask(SeedFacts.CadresQuestion);
        Assert.InRange(engine.Index.CachedPassages, 1, SeedFacts.Passages);
    }

    private sealed class SimulatedCrash : Exception;

    private static QaEngine Swap(QaEngine old, QaEngine? next)
    {
        Assert.NotNull(next);
        old.Dispose();
        return next;
    }

    /// <summary>What an index holds, ordinals aside (a full build numbers passages in file order, an update in the order they came).</summary>
    private static string Contents(QaEngine engine) => Contents(engine.Index.Reader) + $"\ncounts {engine.Manifest.Articles} {engine.Manifest.Passages} {engine.Manifest.DuplicateArticles}";

    private static string FullBuild(string seeds, string indexDir)
    {
        using var engine = QaEngine.Open(new EngineOptions(seeds, indexDir));
        return Contents(engine);
    }

    private static string Contents(DirectoryReader reader)
    {
        var lines = new List<string>();
        foreach (var leaf in reader.Leaves)
        {
            var live = leaf.AtomicReader.LiveDocs;
            for (int d = 0; d < leaf.AtomicReader.MaxDoc; d++)
            {
                if (live is not null && !live.Get(d))
                {
                    continue;
                }

                var doc = leaf.AtomicReader.Document(d);
                lines.Add(string.Join(" | ", doc.Fields.Where(f => f.Name != FieldNames.Ordinal && f.Name != FieldNames.ArticleOrder).Select(f => f.Name + "=" + f.GetStringValue())));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines) + "\nfiles " + string.Join(",", IndexStore.FileTable(reader).Select(f => f.Key + ":" + f.Value.Sha256).Order(StringComparer.Ordinal));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            if (Path.GetFileName(file) != IndexStore.LockFile)
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }
        }

        foreach (var sub in Directory.GetDirectories(from))
        {
            CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
