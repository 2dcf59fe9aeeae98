using CoopBot.Engine.Answering;
using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Tests;

/// <summary>Each article's publication date: from the file name or the page's dateline; a year in the question prefers that year's page; the newest page wins ties.</summary>
public class PublicationDateTests
{
    [Theory]
    [InlineData("2023-06-18-jiangbei-binhai.txt", "2023-06-18")]
    [InlineData("heilongjiang/20210913_page1.txt", "2021-09-13")]
    [InlineData("2021.09.13.txt", "2021-09-13")]
    [InlineData("000_b04926504257f2ce.txt", null)] // the seed: digits, but no date
    [InlineData("page-2021-02-30.txt", null)] // not a day of the calendar
    [InlineData("nongye-2020.txt", null)]
    public void A_file_name_dates_its_page_only_when_it_holds_a_real_date(string name, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PublicationDate.FromFileName(name));

    [Theory]
    [InlineData("2021年9月13日 星期一", "2021-09-13")]
    [InlineData("2021年9月13日（星期一）", "2021-09-13")]
    [InlineData("发布日期：2021-09-13", "2021-09-13")]
    [InlineData("出版日期: 2021/9/13 08:30", "2021-09-13")]
    [InlineData("2021年9月12日,龙粤两省在哈尔滨再次签约合作项目76个,总签约额1114.79亿元。", null)] // a sentence that starts with a date
    [InlineData("2021年9月", null)]
    [InlineData("2021年2月30日", null)]
    public void A_dateline_is_a_line_that_is_a_date_and_nothing_else(string line, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PublicationDate.FromDateline(line));

    [Fact]
    public void The_seed_page_has_no_publication_date_and_a_dateline_dates_a_page_without_becoming_its_text()
    {
        Assert.All(PageParser.Parse(TestPaths.SeedText, Path.GetFileName(TestPaths.SeedFile)), a => Assert.Null(a.Published));

        var articles = PageParser.Parse(Page("2020年12月28日 星期一", "7540.8"), "nongye-2020.txt");

        var article = Assert.Single(articles);
        Assert.Equal(new DateOnly(2020, 12, 28), article.Published);
        Assert.Equal("全省粮食生产再获丰收", article.Title);
        Assert.All(article.Passages, p => Assert.Equal(new DateOnly(2020, 12, 28), p.Published));
        Assert.DoesNotContain(article.Blocks, b => b.Text.Contains("星期一", StringComparison.Ordinal));
    }

    [Fact]
    public void A_question_naming_a_year_gets_that_years_page_and_otherwise_the_newest_page_wins_the_tie()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.WriteAllText(Path.Combine(seeds, "nongye-2020.txt"), Page("2020年12月28日 星期一", "7540.8"));
        File.WriteAllText(Path.Combine(seeds, "nongye-2021-12-27.txt"), Page(null, "7867.7"));
        using var engine = QaEngine.Open(new EngineOptions(seeds, dir.Sub("index")));

        // The 2020 page sorts (and is indexed) first, so print order alone would pick it; by date it is the older.
        Assert.Equal(["nongye-2021-12-27.txt", "nongye-2020.txt"], engine.NewestArticles(5).Select(a => a.Source));

        var newest = engine.Ask("全省粮食总产量达到多少？");
        Assert.Equal("7867.7万吨", newest.Text);
        Assert.Equal(new DateOnly(2021, 12, 27), newest.Passages[0].Passage.Published);

        var asked = engine.Ask("2020年全省粮食总产量达到多少？");
        Assert.Equal("7540.8万吨", asked.Text);
        Assert.Equal(new DateOnly(2020, 12, 28), asked.Passages[0].Passage.Published);

        // 今年 on that page is read against its dateline.
        Assert.Contains(asked.Dates, d => d.Absolute == "2020年");
    }

    private static string Page(string? dateline, string figure) =>
        (dateline is null ? "" : dateline + "\n\n") +
        "全省粮食生产再获丰收\n\n□本报记者 王晓\n\n" +
        $"今年全省粮食总产量达到{figure}万吨，连续多年位居全国第一。\n\n" +
        "全省粮食播种面积稳定在2.1亿亩以上，高标准农田建设持续推进。\n";
}
