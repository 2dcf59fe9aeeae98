using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>Answers over the real seed: verbatim short answers, quoted passages, abstention, and the pinned dev figures.</summary>
[Trait("Category", "Integration")]
public class AnsweringTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private readonly QaEngine _engine = fixture.Engine;

    [Theory]
    [InlineData(SeedFacts.TotalQuestion, SeedFacts.TotalAnswer, "总签约额接近5000亿元(达到4901亿元)")]
    [InlineData("兩省對口合作的總簽約額是多少？", SeedFacts.TotalAnswer, "总签约额接近5000亿元(达到4901亿元)")]
    [InlineData(SeedFacts.CadresQuestion, SeedFacts.CadresAnswer, "我省已派出2546名干部赴广东参加各类培训学习")]
    [InlineData("华南理工大学与哪家企业合作开展模具钢研究？", "建龙北满特殊钢有限责任公司", "华南理工大学与建龙北满特殊钢有限责任公司合作")]
    [InlineData("广东省政府代表团在黑龙江考察了哪些地方？", "深圳(哈尔滨)产业园、哈电集团、哈尔滨工业大学机器人技术与系统国家重点实验室", "先后前往深圳(哈尔滨)产业园")]
    [InlineData("2019年两省对俄贸易额是多少？", "1957.10亿元", "增长到2019年的1957.10亿元")]
    [InlineData("深圳、哈尔滨两市签订了什么协议？", "《共建深圳(哈尔滨)产业园区合作协议》", "两市签订了《共建深圳(哈尔滨)产业园区合作协议》")]
    [InlineData("深哈产业园与哪家企业合作共建人才社区？", "万科", "与万科合作共建人才社区")]
    [InlineData("马兴瑞带队赴我省几次？", "两次", "先后两次带队赴我省")]
    [InlineData("两省实现互派交流和培训学习多少人？", "4740人", "实现互派交流和培训学习4740人")]
    public void Short_answer_is_taken_verbatim_from_the_first_passage(string question, string answer, string evidence)
    {
        var a = _engine.Ask(question);

        Assert.True(a.Answered);
        Assert.Equal(answer, a.Text);
        var first = a.Passages[0];
        Assert.Contains(evidence, first.Passage.Text);
        Assert.Equal(answer, first.Passage.Text.Substring(first.AnswerStart!.Value, first.AnswerLength));
    }

    [Fact]
    public void Captions_and_banners_never_outrank_the_fact()
    {
        // 总签约额近5000亿! is a banner on the page; the paragraph with the figure must be quoted.
        var a = _engine.Ask("总签约额近5000亿是怎么回事？");
        Assert.All(a.Passages, p => Assert.DoesNotContain("本报资料片", p.Passage.Text));
        Assert.DoesNotContain(a.Passages, p => p.Passage.Text == "总签约额近5000亿!");
    }

    [Theory]
    [InlineData("北京与上海签约了多少个合作项目？")]
    [InlineData("今天哈尔滨天气怎么样？")]
    [InlineData("哈尔滨冰雪大世界的门票多少钱？")]
    public void Question_the_articles_do_not_answer_gets_no_answer_but_the_closest_passages(string question)
    {
        var a = _engine.Ask(question);

        Assert.False(a.Answered);
        Assert.Null(a.Text);
        Assert.Equal(NoAnswerReason.NotInArticles, a.Reason);
        Assert.NotEmpty(a.Passages);
        Assert.All(a.Passages, p => Assert.Null(p.AnswerStart));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("？？！")]
    [InlineData("多少？")]
    public void Question_with_nothing_to_search_for_is_not_answered(string question)
    {
        var a = _engine.Ask(question);
        Assert.False(a.Answered);
        Assert.Equal(NoAnswerReason.NothingToSearch, a.Reason);
    }

    [Theory]
    [InlineData("两省 AND 签约 OR \"总签约额\" NOT * ? ~ ^ : \\ / [ ] { } ( ) + - ! 是多少")]
    [InlineData("两省对口合作的总签约额是多少？😀\u200B")]
    [InlineData("What is 两省对口合作的总签约额?")]
    public void Query_syntax_emoji_and_mixed_scripts_are_plain_text(string question)
    {
        var a = _engine.Ask(question);
        Assert.True(a.Answered);
        Assert.Equal(SeedFacts.TotalAnswer, a.Text);
    }

    [Theory]
    [InlineData(SeedFacts.TotalQuestion)]
    [InlineData(SeedFacts.CadresQuestion)]
    [InlineData("广东省政府代表团在黑龙江考察了哪些地方？")]
    [InlineData("北京与上海签约了多少个合作项目？")]
    public void Asking_for_more_passages_continues_the_list_without_reordering_it(string question)
    {
        // 更多/more asks again for more passages: the first ones must be the ones already shown.
        var first = _engine.Ask(question).Passages.Select(p => p.Passage.Id).ToList();
        var more = _engine.Ask(question, 12).Passages.Select(p => p.Passage.Id).ToList();

        Assert.True(more.Count > first.Count);
        Assert.Equal(first, more.Take(first.Count));
        Assert.Equal(_engine.Ask(question).Text, _engine.Ask(question, 12).Text);
    }

    /// <summary>
    /// The 30 gold dev questions, scored as shared/eval/score.py scores them. The figures are pinned:
    /// a change to parsing, analysis or ranking that moves them shows up here.
    /// </summary>
    [Fact]
    public void Dev_questions_score_as_pinned()
    {
        var s = Scoring.Run(_engine, TestPaths.Data("dev.jsonl"));

        Assert.True(s.Misses.Count == 0, "Misses: " + string.Join("; ", s.Misses));
        Assert.Equal((30, 30), (s.Correct, s.Questions));
        Assert.Equal((27, 27, 27), (s.EvidenceFirst, s.EvidenceTop3, s.Answerable));
        Assert.Equal(42.3, Math.Round(s.EmPercent, 1));
        Assert.Equal(90.9, Math.Round(s.F1Percent, 1));
    }
}
