using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Tests;

/// <summary>Ingestion of the real seed page: articles, furniture set aside, paragraphs rejoined, repeats dropped.</summary>
[Trait("Category", "Unit")]
public class PageParserTests
{
    private static readonly Corpus Seed = CorpusLoader.Load(TestPaths.Seeds);

    private static IEnumerable<string> AllPassageTexts => Seed.Articles.SelectMany(a => a.Passages).Select(p => p.Text);

    private static IEnumerable<Passage> Paragraphs(Article a) => a.Passages.Where(p => p.Heading != PageParser.CaptionHeading);

    [Fact]
    public void Seed_page_splits_into_its_six_distinct_articles_with_titles_and_bylines()
    {
        Assert.Equal(
            [
                "500个项目近5000亿签约额 达目标",
                "深哈产业园亮出特区范儿 加速度",
                "2546名龙江干部赴粤学习 取真经",
                "广东省省长考察龙江这三个地方 有何看点?",
                "同发展 广东企业相继落户龙江",
                "两省深化科技创新合作",
            ],
            Seed.Articles.Select(a => a.Title));
        Assert.Equal("黑龙江日报全媒体记者 桑蕾 黄春英", Seed.Articles[0].Byline);
        Assert.Equal("黑龙江日报全媒体记者 黄春英", Seed.Articles[1].Byline);
        Assert.Equal([7, 3, 5, 11, 5, 5], Seed.Articles.Select(a => Paragraphs(a).Count()));
        Assert.Equal(SeedFacts.Passages, Seed.Articles.Sum(a => a.Passages.Count));
    }

    [Fact]
    public void Article_printed_twice_is_kept_once()
    {
        Assert.Equal(SeedFacts.DuplicateArticles, Seed.DuplicateArticles);
        Assert.Single(Seed.Articles, a => a.Title == "同发展 广东企业相继落户龙江");
        Assert.Single(AllPassageTexts, t => t.Contains("中国一重为黄埔造船厂量身定做14套船舶关键部件"));
    }

    [Theory]
    [InlineData("正威哈尔滨新一代材料技术产业园项目启动仪式 本报资料片", "正威哈尔滨新一代材料技术产业园项目启动仪式 本报资料片")]
    [InlineData("深哈产业园建设日新月异。 本报资料片", "深哈产业园建设日新月异。 本报资料片")]
    [InlineData("签约仪式现场。", "签约仪式现场。 黑龙江日报全媒体记者 桑蕾 摄")]
    public void A_photo_caption_is_a_passage_with_the_credit_printed_under_it(string caption, string passage)
    {
        var block = Seed.Articles.SelectMany(a => a.Blocks).Single(b => b.Text.StartsWith(caption, StringComparison.Ordinal));
        Assert.Equal(BlockKind.Caption, block.Kind);
        Assert.Equal(passage, block.Text);
        var p = Assert.Single(Seed.Articles.SelectMany(a => a.Passages), p => p.Id == block.PassageId);
        Assert.Equal(passage, p.Text);
        Assert.Equal(PageParser.CaptionHeading, p.Heading);
    }

    [Theory]
    [InlineData("黑龙江日报全媒体记者 桑蕾 摄", BlockKind.Credit)]
    [InlineData("总签约额近5000亿!", BlockKind.Banner)]
    [InlineData("龙粤近年合作显成效", BlockKind.Banner)]
    [InlineData("新篇章", BlockKind.Banner)]
    [InlineData("哈电集团——看实力", BlockKind.Heading)]
    [InlineData("龙粤对口合作如何再提升", BlockKind.Heading)]
    public void Page_furniture_is_recognised_and_never_becomes_a_passage(string line, BlockKind kind)
    {
        var block = Seed.Articles.SelectMany(a => a.Blocks).First(b => b.Text == line);
        Assert.Equal(kind, block.Kind);
        Assert.Null(block.PassageId);
        Assert.DoesNotContain(AllPassageTexts, t => t == line);
    }

    [Fact]
    public void Paragraph_cut_by_a_page_break_is_one_passage()
    {
        Assert.Single(AllPassageTexts, t => t.StartsWith("截至2020年,我省已派出2546名干部赴广东参加各类培训学习。", StringComparison.Ordinal));
        Assert.Single(AllPassageTexts, t => t.Contains("在对口合作项目中,民营企业项目346个,占总项目数75.1%"));
        Assert.Single(AllPassageTexts, t => t.Contains("截至2020年底,广东省异地储备粮黑龙江在储量51.65万吨"));
    }

    [Fact]
    public void Paragraph_cut_around_a_caption_is_rejoined_without_the_caption()
    {
        var joined = Assert.Single(AllPassageTexts, t => t.Contains("此后,两省有关部门、市地和企业家继续进行密切交流和深度对接"));
        Assert.DoesNotContain("本报资料片", joined);
        Assert.EndsWith("计划投资总额1504.73亿元。", joined);
    }

    [Fact]
    public void Paragraph_that_really_ended_is_not_joined_to_the_next()
    {
        var first = Paragraphs(Seed.Articles[0]).ToList();
        Assert.Equal("2021年9月12日,龙粤两省在哈尔滨再次签约合作项目76个,总签约额1114.79亿元。", first[^2].Text);
        Assert.StartsWith("截至目前,两省除地产类外的合作项目已经超过500个", first[^1].Text);

        // The last paragraph of an article, cut off by the page, stays in its own article.
        var cut = Paragraphs(Seed.Articles[1]).Last().Text;
        Assert.EndsWith("引入华为鲲鹏、哈", cut);
    }

    [Fact]
    public void Passage_ids_are_stable_and_urls_point_into_the_article()
    {
        var again = CorpusLoader.Load(TestPaths.Seeds);
        Assert.Equal(Seed.Articles.SelectMany(a => a.Passages).Select(p => p.Id), again.Articles.SelectMany(a => a.Passages).Select(p => p.Id));
        var p = Seed.Articles[2].Passages[1];
        Assert.Equal($"/articles/{Seed.Articles[2].Id}#{p.Id}", p.Url);
        Assert.Equal(2, p.Position);
        Assert.Equal(PageParser.PassageId(p.Text), p.Id);
    }

    [Fact]
    public void Plain_file_without_bylines_is_one_article_titled_by_its_first_line()
    {
        var articles = PageParser.Parse("战国无双3\n\n《战国无双3》是由光荣和ω-force开发的战国无双系列的正统第三续作。\n", "0001.txt");
        var a = Assert.Single(articles);
        Assert.Equal("战国无双3", a.Title);
        Assert.Equal("《战国无双3》是由光荣和ω-force开发的战国无双系列的正统第三续作。", Assert.Single(a.Passages).Text);
    }

    [Fact]
    public void Passages_cut_again_from_an_article_s_blocks_are_the_passages_parsed()
    {
        // The index stores an article's blocks only and cuts its passages out of them when read.
        var articles = Seed.Articles.Concat(PageParser.Parse(TestPaths.SeedText.Replace("2546名", "2547名", StringComparison.Ordinal), "other.txt")).ToList();
        Assert.True(articles.Sum(a => a.Passages.Count) > 2 * SeedFacts.Passages - 1);
        Assert.Contains(articles.SelectMany(a => a.Passages), p => p.Heading == PageParser.CaptionHeading);
        Assert.Contains(articles.SelectMany(a => a.Passages), p => p.Heading is not null && p.Heading != PageParser.CaptionHeading);
        foreach (var article in articles)
        {
            Assert.Equal(article.Passages, PageParser.PassagesOf(article.Id, article.Title, article.Blocks, article.Published));
        }
    }
}
