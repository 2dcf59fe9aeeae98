using CoopBot.Engine.Answering;
using CoopBot.Engine.Reading;

namespace CoopBot.Engine.Tests;

/// <summary>
/// "Who holds the title": the name printed right after the title asked, of the province asked, not a
/// deputy's, on the seed page and on sentences of another province's paper.
/// </summary>
public class TitleHolderTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private QaEngine Engine => fixture.Engine;

    // Each was answered otherwise before the title was read (in brackets), checked against 3d37fb8.
    [Theory]
    [InlineData("广东省长叫什么名字", "马兴瑞")] // (张庆伟率, who leads the sentence that prints 省长马兴瑞)
    [InlineData("黑龙江省委书记叫什么", "张庆伟")] // (马兴瑞率: the page prints 省委书记张庆伟 without 黑龙江)
    [InlineData("黑龍江省委書記是誰", "张庆伟")] // (马兴瑞率)
    [InlineData("广东省委书记是哪位", "李希")] // (李希、省长马兴瑞共同召开…, a clause)
    [InlineData("黑龙江省长是谁", "胡昌升")] // (马兴瑞, 广东省省长; SmartCn cuts 黑龙江省|长)
    [InlineData("广东省委书记是谁", "李希")] // (张庆伟率: the ranker scored 李希 more than its margin below; b227296)
    [InlineData("广东的省委书记是谁", "李希")] // (张庆伟率; b227296)
    public void A_who_question_about_a_title_gets_the_name_printed_after_it(string question, string name) =>
        Assert.Equal(name, Engine.Ask(question).Text);

    [Theory]
    [InlineData("广东省副省长是谁")] // the page prints 省长 only (马兴瑞率 before)
    [InlineData("辽宁省委书记是谁")] // another province
    public void A_title_the_page_prints_only_for_another_office_is_refused(string question) =>
        Assert.Null(Engine.Ask(question).Text);

    private TitleHolders.AskedTitle? Asked(string question)
    {
        var q = Engine.Analyze(question);
        return TitleHolders.Asked(q, WordWeights.Shared.Of(q.Keywords));
    }

    [Theory]
    [InlineData("广东省长叫什么名字", "省长", "广东", false)]
    [InlineData("浙江省委书记是谁", "书记", "浙江", false)]
    [InlineData("哪位省长率团赴广东", null, null, false)] // 广东 is where he went, and the noun asked is 团
    [InlineData("江苏省副省长是哪位", "省长", "江苏", true)]
    [InlineData("深哈产业园的总经理是谁", "总经理", null, false)]
    [InlineData("《光学》这本书的作者是谁", null, null, false)] // a role, not an office: printed after the name as often (鲁迅著)
    public void The_title_asked_and_the_province_before_it_are_read(string question, string? title, string? province, bool deputy)
    {
        var asked = Asked(question);
        Assert.Equal(title, asked?.Title);
        if (asked is not null)
        {
            Assert.Equal(province, asked.Province);
            Assert.Equal(deputy, asked.Deputy);
        }
    }

    [Fact]
    public void A_place_keeps_its_name_and_gives_the_title_back()
    {
        Assert.Contains("市长", Engine.Analyze("哈尔滨市长是谁").Keywords);
        Assert.Contains("哈尔滨", Engine.Analyze("哈尔滨市长是谁").Keywords);
        Assert.Contains("省长", Engine.Analyze("黑龙江省长是谁").Keywords);
    }

    // A Jiangsu paper: its own officials are printed without 江苏, another province's with its name.
    private const string Jiangsu = "10日,省委书记吴政隆会见浙江省委书记袁家军一行。省委副书记、省长许昆林参加会见。";

    [Theory]
    [InlineData("江苏", "吴政隆")] // the paper's own: no province printed
    [InlineData("浙江", "袁家军")]
    [InlineData(null, "吴政隆 袁家军")] // no province asked: every holder; 副书记 is not 书记
    [InlineData("安徽", "")]
    public void Holders_are_the_names_after_the_title_of_the_province_asked(string? province, string names)
    {
        var starts = TitleHolders.In(Jiangsu, new TitleHolders.AskedTitle("书记", province, Deputy: false), home: "江苏");
        Assert.Equal(names, string.Join(" ", starts.Select(s => Jiangsu.Substring(s, 3))));
    }

    // Each was answered with a clause before (率团赴广东开展对口合作交流考察期间, 先后两次带队赴我省…).
    [Theory]
    [InlineData("胡昌升是什么职务", "省委副书记、省长")]
    [InlineData("马兴瑞是什么职务", "广东省省长")]
    [InlineData("李希是什么身份", "广东省委书记")] // not 与广东省委书记
    public void The_title_of_a_person_is_the_titles_printed_before_the_name(string question, string title) =>
        Assert.Equal(title, Engine.Ask(question).Text);

    [Theory]
    [InlineData("许昆林", "省委副书记、省长")]
    [InlineData("袁家军", "浙江省委书记")]
    [InlineData("吴政隆", "省委书记")]
    public void Titles_before_a_name_stop_at_another_name_and_the_clause(string name, string titles)
    {
        const string text = "10日,省委书记吴政隆会见浙江省委书记袁家军一行。省委副书记、省长许昆林参加会见。";
        var found = TitleHolders.TitleBefore(text, name);
        Assert.NotNull(found);
        Assert.Equal(titles, text.Substring(found.Value.Start, found.Value.Length));
    }

    [Theory]
    [InlineData("胡昌升是什么职务", "胡昌升")]
    [InlineData("胡昌升担任什么职务？", "胡昌升")]
    [InlineData("张庆伟的职务是什么", "张庆伟")]
    [InlineData("胡昌升率团去了哪里", null)]
    public void The_person_whose_title_is_asked_is_read(string question, string? name) =>
        Assert.Equal(name, TitleHolders.TitleAskedOf(Engine.Analyze(question)));

    [Fact]
    public void A_municipality_qualifies_its_title_as_a_province_does()
    {
        const string text = "会上,上海市市长龚正与北京市市长殷勇签署了合作备忘录。";
        var starts = TitleHolders.In(text, new TitleHolders.AskedTitle("市长", "上海", Deputy: false), home: "黑龙江");
        Assert.Equal("龚正", text.Substring(Assert.Single(starts), 2));
    }

    [Fact]
    public void A_deputy_holds_the_deputys_title_only()
    {
        var deputy = TitleHolders.In(Jiangsu, new TitleHolders.AskedTitle("书记", null, Deputy: true), home: "江苏");
        Assert.Equal("许昆林", Jiangsu.Substring(Assert.Single(deputy), 3)); // 省委副书记、省长许昆林: both titles his
        Assert.True(TitleHolders.OnlyForOthers(Jiangsu, new TitleHolders.AskedTitle("书记", "安徽", Deputy: false), "江苏"));
        Assert.False(TitleHolders.OnlyForOthers(Jiangsu, new TitleHolders.AskedTitle("省长", null, Deputy: false), "江苏"));
    }
}
