using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// "What else is it called" (又叫什么, 别名, 俗名, 原名, 简称) is answered with the name printed after a cue of
/// the same kind, in the sentence that names the subject, to the end of its clause.
/// </summary>
public class AliasTests
{
    private static readonly QuestionAnalyzer Questions = new(ChineseAnalysis.CreateAnalyzer());

    private static string? Printed(string question, string passage)
    {
        var asked = Aliases.In(Questions.Analyze(question));
        Assert.NotNull(asked);
        var prepared = new PreparedPassage(new Passage("p1", "a1", "条目", 0, passage, null), 0);
        return Aliases.Find(prepared, asked) is { } span ? passage.Substring(span.Start, span.Length) : null;
    }

    [Theory]
    [InlineData("当惹雍错又叫什么？", Aliases.NameKind.Alias, "当惹雍错")]
    [InlineData("蓝线裸顶鲷的俗名是什么？", Aliases.NameKind.Alias, "蓝线裸顶鲷")]
    [InlineData("牛佬原名叫什么？", Aliases.NameKind.Former, "牛佬")]
    [InlineData("长张高速公路的简称是什么？", Aliases.NameKind.Short, "长张高速公路")]
    [InlineData("百萬人民倒扁運動又被稱為甚麼運動?", Aliases.NameKind.Alias, "百万人民倒扁运动")] // Traditional, read in Simplified
    public void An_alias_question_names_the_kind_of_name_and_its_subject(string question, Aliases.NameKind kind, string subject)
    {
        var asked = Aliases.In(Questions.Analyze(question));
        Assert.NotNull(asked);
        Assert.Equal(kind, asked.Kind);
        Assert.Equal(subject, asked.Subject);
    }

    [Theory]
    [InlineData("伊丽莎白港机场为什么又叫十分钟机场？")] // asks why, and gives the name
    [InlineData("舟山又称甬东是在什么时期？")] // asks when
    [InlineData("深哈产业园的总经理叫什么？")] // a name, but no other name of something
    public void A_question_that_gives_the_other_name_or_asks_no_alias_is_not_one(string question) =>
        Assert.Null(Aliases.In(Questions.Analyze(question)));

    [Theory]
    [InlineData("凉茶舖又叫什么？", "凉茶舖，又名凉茶店，是售卖凉茶的商店，遍布岭南。", "凉茶店")]
    [InlineData("软枝黄蝉的别名是什么？", "软枝黄蝉（学名：），别称黄莺、小黄蝉、重瓣黄蝉、泻黄蝉、软枝花蝉，为夹竹桃科黄蝉属植物。", "黄莺、小黄蝉、重瓣黄蝉、泻黄蝉、软枝花蝉")] // the whole list
    [InlineData("蓝线裸顶鲷的俗名是什么？", "蓝线裸顶鲷，又称蓝线白鱲，俗名龙尖，为辐鳍鱼纲鲈形目的一种。", "龙尖")] // the cue the question used
    [InlineData("日本绿鹦嘴鱼的俗称是什么？", "日本绿鹦嘴鱼，又称日本鹦哥鱼、红尾鹦嘴鱼，俗名鹦哥，为热带海水鱼。", "鹦哥")] // 俗称 asks what 俗名 prints
    [InlineData("赞尼特期又被称为什么时期？", "赞尼特期（亦被称为兰登期或海尔斯期）是古新世的最后一个时期。", "兰登期或海尔斯期")] // a cue inside a bracket ends at its close
    [InlineData("短叶水蜈蚣的别名是什么？", "短叶水蜈蚣（学名：），别名无头土香（台湾和闽南一带）、无头香、白香附，是莎草科的植物。", "无头土香（台湾和闽南一带）、无头香、白香附")] // brackets inside kept
    [InlineData("牛佬原名叫什么？", "牛佬，香港漫画家，原名文启明，1961年生于香港。", "文启明")]
    [InlineData("首钢的简称是什么？", "北京首都钢铁公司成立于1919年。首钢集团有限公司，简称首钢，是特大型企业。", "首钢")]
    public void The_name_is_the_one_printed_after_the_cue(string question, string passage, string name) =>
        Assert.Equal(name, Printed(question, passage));

    [Theory]
    [InlineData("凉茶舖又叫什么？", "龙井茶，又名西湖龙井，产于杭州。")] // another subject's alias
    [InlineData("牛佬原名叫什么？", "牛佬，香港漫画家，又名牛哥，1961年生于香港。")] // an alias is no former name
    public void An_alias_of_another_subject_or_of_another_kind_is_not_taken(string question, string passage) =>
        Assert.Null(Printed(question, passage));

    [Fact]
    public void The_engine_answers_an_alias_question_with_the_printed_alias()
    {
        // The span ranker alone picks 鹿（学名 here.
        using var article = new TextEngine(
            "沼鹿",
            "沼鹿（学名：），又名泽鹿，是原住于印度及尼泊尔的鹿。雄鹿的鹿角分开为10至14个叉，有些甚至达至20个。",
            "沼鹿栖息在沼泽和草原，牠们的蹄是张开的，方便在软绵绵的地上行走。");

        Assert.Equal("泽鹿", article.AnswerTo("沼鹿又叫什么？"));
    }
}
