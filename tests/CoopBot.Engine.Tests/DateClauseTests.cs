namespace CoopBot.Engine.Tests;

/// <summary>"When" is answered with the date of the clause that states what is asked, where a sentence prints several.</summary>
public sealed class DateClauseTests(EngineFixture fixture) : IClassFixture<EngineFixture>, IDisposable
{
    private readonly TextEngine _article = new(
        "产业园建设",
        "2019年5月9日，甲乙两市签订了《共建产业园区合作协议》，9月1日，产业园科创总部项目奠基动工，460天完成主体工程建设。",
        "茨万吉拉伊曾于2002年在总统选举中被击败，2008年再度参选，并在第一轮投票中胜出。",
        "1987年11月4日，国家教育委员会下发通知，同意该校更名为中国地质大学，1988年6月1日，中国地质大学印章正式启用。");

    // 茨万吉拉伊在哪一年再度参选 (2008年, whose clause holds 再度参选) was answered here until the reader picked by two
    // rankers' mean: it scores 2002年 2.2 above 2008年, past the rule's margin of 2.0. A wider margin, or none where
    // the best date's clause holds none of the question's words, measured worse on CMRC 2018 dev and DRCD
    // (docs/benchmarks.md, "Two span rankers"), so it is a known miss.
    [Theory]
    [InlineData("两市啥时候签的共建产业园协议？", "2019年5月9日")]
    [InlineData("产业园科创总部项目什么时候奠基？", "9月1日")]
    [InlineData("中国地质大学印章于何年启用？", "1988年")] // a year asked: not the whole 1988年6月1日
    [InlineData("中国地质大学印章于何时启用？", "1988年6月1日")]
    public void The_date_is_the_one_whose_clause_states_what_is_asked(string question, string date) =>
        Assert.Equal(date, _article.AnswerTo(question));

    [Fact]
    public void On_the_seed_page_the_agreement_is_dated_by_its_own_clause() =>
        Assert.Equal("2019年5月9日", fixture.Engine.Ask("两市啥时候签的共建产业园协议").Text); // the ranker alone: 9月1日, printed nearer 产业园

    public void Dispose() => _article.Dispose();
}
