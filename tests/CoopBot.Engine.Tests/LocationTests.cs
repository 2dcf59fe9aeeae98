using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// "Where is it" (在哪里, 位于什么地方, 分布在哪些地区, 栖息在哪儿) is answered with the clause printed after 位于/分布于/栖息于
/// about the subject; what of the subject is asked (its 发源地, its 县政府驻点) must be what the clause is about.
/// </summary>
public class LocationTests
{
    private static readonly QuestionAnalyzer Questions = new(ChineseAnalysis.CreateAnalyzer());

    private static string? Printed(string question, string passage)
    {
        var asked = Locations.In(Questions.Analyze(question));
        Assert.NotNull(asked);
        var prepared = new PreparedPassage(new Passage("p1", "a1", "条目", 0, passage, null), 0);
        return Locations.Find(prepared, asked) is { } span ? passage.Substring(span.Start, span.Length) : null;
    }

    [Theory]
    [InlineData("深水埗关帝庙在哪里？", Locations.PlaceKind.Site, "深水埗关帝庙", null)]
    [InlineData("北上车站的地址是哪里?", Locations.PlaceKind.Site, "北上车站", null)] // 地址 only names the location
    [InlineData("田泽湖车站的具体地址是哪里？", Locations.PlaceKind.Site, "田泽湖车站", null)]
    [InlineData("六耳铃主要分布在哪些地区？", Locations.PlaceKind.Range, "六耳铃", null)]
    [InlineData("印度野驴栖息在哪儿？", Locations.PlaceKind.Habitat, "印度野驴", null)]
    [InlineData("天水围河的发源地在哪？", Locations.PlaceKind.Site, "天水围河的发源地", "发源地")]
    [InlineData("說勉語的人主要分布在哪些地方？", Locations.PlaceKind.Range, "说勉语的人", null)] // Traditional; 人 is no head
    public void A_where_question_names_the_kind_of_place_and_its_subject(string question, Locations.PlaceKind kind, string subject, string? head)
    {
        var asked = Locations.In(Questions.Analyze(question));
        Assert.NotNull(asked);
        Assert.Equal(kind, asked.Kind);
        Assert.Equal(subject, asked.Subject);
        Assert.Equal(head, asked.Head);
    }

    [Theory]
    [InlineData("罗马帝国在哪一年派遣特使抵达汉朝？")] // a year, not a place
    [InlineData("遇难的两名乘客坐在什么位置？")] // 在 completes 坐
    [InlineData("猎骄靡征服了大片土地后，定都在什么地方？")] // 定都在
    [InlineData("涿州市位于哪一个平原上？")] // the question word does not close the question
    public void Other_questions_are_not_where_questions(string question) =>
        Assert.Null(Locations.In(Questions.Analyze(question)));

    [Theory]
    [InlineData("深水埗关帝庙在哪里？", "深水埗关帝庙，位于九龙深水埗海坛街与界限街交界，是香港的二级历史建筑物。", "九龙深水埗海坛街与界限街交界")]
    [InlineData("六耳铃分布在哪些地区？", "六耳铃（学名：），为菊科艾纳香属的植物。分布于印度尼西亚、缅甸、印度以及中国大陆的福建、广东等地，生长于海拔400米至1,200米的地区。", "印度尼西亚、缅甸、印度以及中国大陆的福建、广东等地")] // the sentence after the one naming it
    [InlineData("吉斯伯恩大区的首府在哪里？", "吉斯伯恩大区位于纽西兰北岛东北部，是一个地方行政区。首府位于吉斯伯恩市。", "吉斯伯恩市")] // printed right after the subject's last word
    [InlineData("印度野驴栖息在哪儿？", "印度野驴是亚洲野驴的亚种，栖息于印度西部的沙漠及草原，数量稀少。", "印度西部的沙漠及草原")]
    public void The_place_is_the_clause_after_the_cue(string question, string passage, string place) =>
        Assert.Equal(place, Printed(question, passage));

    [Theory]
    [InlineData("天水围河的发源地在哪？", "天水围河位于元朗区天水围新市镇西面，发源于屯门区九迳山一带。")] // where it is, not where it rises
    [InlineData("凉茶舖在哪里？", "龙井村位于杭州西湖西南，以产龙井茶闻名。")] // another subject
    public void A_clause_about_another_subject_or_another_part_of_it_is_not_taken(string question, string passage) =>
        Assert.Null(Printed(question, passage));

    [Fact]
    public void The_engine_answers_where_with_the_clause_after_the_cue()
    {
        // The span ranker alone picks 九龙深水埗 here.
        using var article = new TextEngine(
            "深水埗关帝庙",
            "深水埗关帝庙，位于九龙深水埗海坛街与界限街交界，建于清朝光绪十七年，现为香港二级历史建筑物。",
            "庙内主祀关帝，每年农历六月廿四日关帝诞，街坊均会到庙上香。");

        Assert.Equal("九龙深水埗海坛街与界限街交界", article.AnswerTo("深水埗关帝庙在哪里？"));
    }
}
