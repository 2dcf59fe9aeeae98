using CoopBot.Engine.Answering;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// "What does he do" (…的职业是什么, …是什么职业, …从事什么职业) is answered with the apposition after the name that ends in
/// a word for an occupation, without the place it is qualified by; "是干什么的" of an official is the titles printed
/// before the name.
/// </summary>
public class OccupationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly QuestionAnalyzer Questions = new(ChineseAnalysis.CreateAnalyzer());

    private static string? Printed(string question, string passage)
    {
        var person = Occupations.Of(Questions.Analyze(question));
        Assert.NotNull(person);
        var prepared = new PreparedPassage(new Passage("p1", "a1", "条目", 0, passage, null), 0);
        return Occupations.Find(prepared, person) is { } span ? passage.Substring(span.Start, span.Length) : null;
    }

    [Theory]
    [InlineData("赵鹏的职业是什么？", "赵鹏")]
    [InlineData("徐晓飞是什么职业？", "徐晓飞")]
    [InlineData("郝德泉从事什么职业？", "郝德泉")]
    [InlineData("班杰是干什么的", "班杰")]
    public void An_occupation_question_names_its_person(string question, string person) =>
        Assert.Equal(person, Occupations.Of(Questions.Analyze(question)));

    [Theory]
    [InlineData("广州番禺职业技术学院的校区在哪里？")]
    [InlineData("喀山红宝石足球俱乐部是哪国的职业足球俱乐部？")]
    public void Questions_that_only_print_职业_are_not_occupation_questions(string question) =>
        Assert.Null(Occupations.Of(Questions.Analyze(question)));

    [Theory]
    [InlineData("赵鹏的职业是什么？", "赵鹏（），中国足球运动员，司职后卫，现效力于河南建业。", "足球运动员")] // without the country
    [InlineData("徐晓飞是什么职业？", "徐晓飞（）是中国足球运动员，司职前锋。", "足球运动员")]
    [InlineData("杨群的职业是什么？", "杨群（，），哈尔滨人，香港知名老牌演员，属邵氏电影公司。", "知名老牌演员")] // 哈尔滨人 says where from
    [InlineData("白鸟百合子的职业是什么？", "白鸟百合子（），日本的演员、写真集模特儿、杂志模特儿。出身于东京都。", "演员、写真集模特儿、杂志模特儿")]
    [InlineData("尼高·高华的职业是什么？", "尼高·高华（克罗地亚语：，），是一名克罗地亚职业足球运动员，前任克罗地亚国家队队长。", "职业足球运动员")]
    public void The_occupation_is_the_apposition_after_the_name(string question, string passage, string occupation) =>
        Assert.Equal(occupation, Printed(question, passage));

    [Theory]
    [InlineData("赵鹏的职业是什么？", "赵鹏（），生于河南郑州，2005年加盟河南建业。")] // no occupation printed
    [InlineData("赵鹏的职业是什么？", "王刚（），中国足球运动员，司职后卫。")] // another person's
    public void No_apposition_of_an_occupation_about_the_person_gives_none(string question, string passage) =>
        Assert.Null(Printed(question, passage));

    [Theory]
    [InlineData("马兴瑞是干什么的", "广东省省长")] // (瑞先后两次带队赴我省 before)
    [InlineData("胡昌升是干什么的", "省委副书记、省长")]
    public void What_an_official_does_is_the_titles_printed_before_the_name(string question, string titles) =>
        Assert.Equal(titles, fixture.Engine.Ask(question).Text);

    [Fact]
    public void The_engine_answers_an_occupation_question_with_the_occupation()
    {
        // Before 职业 was read as part of the question word, it matched 职业生涯 and that passage was answered:
        // 生涯中曾多次入选国家队.
        using var article = new TextEngine(
            "赵鹏",
            "赵鹏（），中国足球运动员，司职后卫，现效力于河南建业。",
            "赵鹏出生于河南郑州，少年时进入河南建业青年队，2005年升入一线队，职业生涯中曾多次入选国家队。",
            "2013年与建业的合同完结后，赵鹏转会至广州恒大，随队获得亚冠联赛冠军。");

        Assert.Equal("足球运动员", article.AnswerTo("赵鹏的职业是什么？"));
    }
}
