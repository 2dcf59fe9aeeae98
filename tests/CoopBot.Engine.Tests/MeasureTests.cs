using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// A question that names what it measures (an age, a share, money, a weight) is answered only from a
/// passage that prints a figure of that measure; one that counts (多少人, 多少个) or only hints at a
/// measure with the words around it is not held to it.
/// </summary>
public class MeasureTests
{
    private static readonly QuestionAnalyzer Questions = new(Indexing.ChineseAnalysis.CreateAnalyzer());

    [Theory]
    [InlineData("张明多大岁数了？", "岁")]
    [InlineData("張明今年多大年紀？", "岁")] // Traditional
    [InlineData("他几岁开始学琴？", "岁")]
    [InlineData("民营企业项目占百分之几？", "%")]
    [InlineData("民营企业项目占了几成？", "%")]
    [InlineData("储备粮有多少吨？", "吨")]
    [InlineData("这个项目投了多少钱？", "元")]
    [InlineData("这座桥有多少米长？", "米")]
    [InlineData("核心启动区修了多长的市政道路？", "公里")] // an adjective asks the measure it names
    [InlineData("观塘明渠下游露天部分有多长？", "米")]
    [InlineData("卡門線多高？", "公里")] // Traditional
    [InlineData("这条鱼平均有多重？", "公斤")]
    public void A_question_word_that_names_a_measure_is_read_as_one(string question, string unitOfTheMeasure)
    {
        var asked = Measures.Asked(Questions.Analyze(question));
        Assert.NotNull(asked);
        Assert.Contains(unitOfTheMeasure, asked);
    }

    [Theory]
    [InlineData("有多少名干部赴广东学习培训？")] // a count: 名, 人 and 位 stand in for one another
    [InlineData("两省旅游客源互送人数是多少？")]
    [InlineData("胡昌升率团赴广东期间签约项目的总投资是多少？")] // 率 here is "to lead", and 总投资 only hints at money
    [InlineData("合作开展了多少年？")] // a year is a date and a duration
    [InlineData("谁带队来考察的？")]
    [InlineData("他担任申诉专员的任期是多长？")] // how long a time is, not a length
    [InlineData("这个项目建了多长时间？")]
    public void Counts_hints_and_other_kinds_ask_no_measure(string question) =>
        Assert.Null(Measures.Asked(Questions.Analyze(question)));

    [Fact]
    public void An_age_is_not_answered_from_a_passage_that_prints_no_age()
    {
        using var article = new TextEngine(
            "人物",
            "2017年12月17日，省委书记张明率党政代表团赴广东，召开两省第一次对口合作座谈会，研究合作实施方案。",
            "李华今年58岁，1963年出生于哈尔滨，长期从事装备制造工作。");

        Assert.False(article.Engine.Ask("张明书记今年多大岁数了？").Answered);
        Assert.Equal("58岁", article.AnswerTo("李华今年多大岁数？"));
    }

    [Theory]
    [InlineData("截至2020年，民营企业项目346个，占总项目数75.1%。", true)]
    [InlineData("截至2020年，民营企业项目占总项目数的百分之七十五。", true)]
    [InlineData("截至2020年，民营企业项目占到七成。", true)]
    [InlineData("截至2020年，民营企业项目346个，计划总投资4071.33亿元。", false)]
    public void A_share_is_stated_by_a_percentage_or_a_tenth(string passage, bool states) =>
        Assert.Equal(states, Measures.PassageStates(Questions.Analyze("民营企业项目占百分之几？"), Text.TextNormalizer.FoldPreservingOffsets(passage)));

    [Theory]
    [InlineData("亿元", "元")]
    [InlineData("万吨", "吨")]
    [InlineData("平方公里", "平方公里")] // an area, not a length
    [InlineData("公尺", "公里")] // a length
    [InlineData("个", null)]
    [InlineData("年", null)]
    public void Units_fall_into_their_measure(string unit, string? firstOfDimension) =>
        Assert.Equal(firstOfDimension, Measures.DimensionOf(unit)?[0]);

    [Theory]
    [InlineData("黑龙江的人口分别是多少？", "51.65万吨", true)] // people, answered in tonnes
    [InlineData("两省的贸易额是多少？", "300余名", true)] // money, answered in people
    [InlineData("民营企业项目的占比是多少？", "4071.33亿元", true)] // a share, answered in money
    [InlineData("储备粮的在储量是多少？", "51.65万吨", false)] // no measure named: any figure may answer
    [InlineData("有多少名干部赴广东学习培训？", "2546名", false)]
    [InlineData("黑龙江的人口是多少？", "3185万", false)] // a bare figure contradicts nothing
    [InlineData("胡昌升率团赴广东期间签约项目的总投资是多少？", "787.2亿元", false)] // 率 is "to lead" here
    public void An_answer_in_another_measure_than_the_one_asked_contradicts_it(string question, string answer, bool contradicts) =>
        Assert.Equal(contradicts, Measures.Contradicts(Questions.Analyze(question), answer));
}
