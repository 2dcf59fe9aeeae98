namespace CoopBot.Engine.Tests;

/// <summary>
/// "What did they build" asks the object of the question's last verb: the candidate printed right after
/// that verb, or after a dictionary word it opens (建 → 建设), over a quoted slogan the ranker liked more.
/// </summary>
public class ObjectOfTheVerbTests(EngineFixture seed) : IClassFixture<EngineFixture>
{
    [Fact]
    public void The_object_printed_after_the_questions_verb_answers_what_was_done()
    {
        // The seed page: 两省共同建设农产品物流配送中转仓,寒地黑土质农产品“北菜南销”,热带瓜果、海产品“南货北运”模式运行顺利。
        // The ranker alone: “南货北运”.
        Assert.Equal("农产品物流配送中转仓", seed.Engine.Ask("两边为了运农产品一块儿建了个啥？").Text);
    }

    [Fact]
    public void The_object_may_follow_an_aspect_particle_after_the_verb()
    {
        // The seed page: …共同召开两省第一次对口合作座谈会。专题研究合作实施方案,确定了两省对口合作目标方向和重点工作。
        // The ranker alone: 马兴瑞, from the clause that names the meeting.
        Assert.Equal("两省对口合作目标方向和重点工作", seed.Engine.Ask("第一次座谈会确定了啥？").Text);
    }

    [Fact]
    public void The_object_of_a_verb_printed_as_asked()
    {
        // CMRC 2018 dev's 康健杂志 question (the ranker alone, over CMRC dev: 本健康生活类月刊, the magazine's description).
        using var article = new TextEngine(
            "康健杂志",
            "《康健杂志》创刊于1998年，隶属天下杂志群，一本健康生活类月刊。以深入浅出的方式推广健康常识，主题横跨医疗趋势新知、健康饮食、休闲品味、心灵关系等领域，再延展到对环境、政策等议题的关注，全方位唤起大众对「健康」的重新认识，期许每个人都能活得自在、活得愉快、活得健康。");
        Assert.Equal("每个人都能活得自在、活得愉快、活得健康", article.AnswerTo("《康健杂志》的期许是什么？"));
    }
}
