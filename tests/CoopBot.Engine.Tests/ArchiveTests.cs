using CoopBot.Engine.Answering;
using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Tests;

/// <summary>
/// The archive generator of the scale benchmarks (issue 12) writes the same pages for the same seed;
/// the pages it writes are read as newspaper pages (dated, reprints found); and two different
/// articles that share a title and first paragraph each keep their own id (a reprint with another
/// photo once stopped the engine from opening).
/// </summary>
public class ArchiveTests
{
    [Fact]
    public void The_same_seed_writes_the_same_pages_and_another_seed_other_pages()
    {
        using var dir = TestPaths.NewTempDir();
        var a = ArchiveGenerator.Write(dir.Sub("a"), 200_000, 7, [TestPaths.SeedText], new DateOnly(2020, 3, 1));
        var b = ArchiveGenerator.Write(dir.Sub("b"), 200_000, 7, [TestPaths.SeedText], new DateOnly(2020, 3, 1));
        var c = ArchiveGenerator.Write(dir.Sub("c"), 200_000, 8, [TestPaths.SeedText], new DateOnly(2020, 3, 1));

        Assert.Equal(a, b);
        Assert.True(a.Bytes >= 200_000);
        var names = Directory.GetFiles(dir.Sub("a")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(dir.Sub("b")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.All(names, n => Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("a"), n!)), File.ReadAllBytes(Path.Combine(dir.Sub("b"), n!))));
        Assert.Contains(names, n => !File.ReadAllBytes(Path.Combine(dir.Sub("a"), n!)).SequenceEqual(File.Exists(Path.Combine(dir.Sub("c"), n!)) ? File.ReadAllBytes(Path.Combine(dir.Sub("c"), n!)) : []));
        Assert.Equal("2020-03-01-p01.txt", names[0]);
    }

    [Fact]
    public void Generated_pages_index_as_dated_newspaper_pages_with_their_reprints_found()
    {
        using var dir = TestPaths.NewTempDir();
        var summary = ArchiveGenerator.Write(dir.Sub("seeds"), 400_000, 3, [TestPaths.SeedText], new DateOnly(2021, 9, 13));
        Assert.True(summary.Repeats > 0);

        using var engine = QaEngine.Open(new EngineOptions(dir.Sub("seeds"), dir.Sub("index")));

        Assert.True(engine.Manifest.DuplicateArticles > 0, "reprinted articles were not found");
        Assert.True(engine.Manifest.Articles > 50);
        // The seed's paragraphs are recombined and cut by page breaks, so which figure answers depends
        // on the copy; it is one printed in the passage quoted, with the page's date.
        var answer = engine.Ask("有多少名干部赴广东学习培训？");
        Assert.True(answer.Answered);
        Assert.Contains(answer.Text!, answer.Passages[0].Passage.Text);
        Assert.EndsWith("名", answer.Text);
        Assert.NotNull(answer.Passages[0].Passage.Published);
        Assert.InRange(answer.Passages[0].Passage.Published!.Value, summary.FirstDay, summary.LastDay);
    }

    [Fact]
    public void Two_articles_with_the_same_title_and_first_paragraph_keep_ids_of_their_own()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        const string opening = "龙粤合作再结硕果\n\n□本报记者 王明\n\n2021年9月12日,龙粤两省在哈尔滨再次签约合作项目76个,总签约额1114.79亿元。\n\n";
        File.WriteAllText(Path.Combine(seeds, "2021-09-13-p01.txt"), opening + "签约项目涵盖装备制造、现代农业等领域,其中装备制造项目21个。\n");
        File.WriteAllText(Path.Combine(seeds, "2021-09-14-p02.txt"), opening + "两省还商定,明年在广州举办对口合作成果展,集中展示五年来的合作成果。\n");

        using var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));

        Assert.Equal(2, engine.Manifest.Articles);
        var ids = CorpusLoader.Load(seeds).Articles.Select(a => a.Id).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal("21个", engine.Ask("装备制造项目有多少个？").Text);
        Assert.Equal("广州", engine.Ask("对口合作成果展在哪里举办？").Text);
    }
}
