using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// A figure belongs to what its own clause names: in the seed page's list of figures
/// (注册企业286家,注册资本金101.29亿元,引入华为鲲鹏…) the capital is that of the registered companies, and
/// 华为鲲鹏, named only in the clause after it, is not what it measures.
/// </summary>
public class FigureOwnerTests
{
    private static readonly QuestionAnalyzer Questions = new(Indexing.ChineseAnalysis.CreateAnalyzer());

    [Fact]
    public void A_figure_of_a_list_is_not_answered_for_a_name_printed_only_after_it()
    {
        using var article = new TextEngine(
            "深哈产业园",
            "截至目前,核心启动区累计完成投资32.86亿元,完成市政道路建设6公里;与万科合作共建人才社区。",
            "产业招商方面:注册企业286家,注册资本金101.29亿元,引入华为鲲鹏、哈工大机器人等一批企业。");

        Assert.False(article.Engine.Ask("华为鲲鹏在深哈产业园投了多少钱？").Answered);

        // `ask --explain` says why, under the reader's scored candidates.
        var explained = article.Engine.Explain("华为鲲鹏在深哈产业园投了多少钱？");
        Assert.Contains(explained, l => l.TrimStart().EndsWith("101.29亿元", StringComparison.Ordinal) && l.StartsWith("  ", StringComparison.Ordinal));
        Assert.Contains(explained, l => l.StartsWith("figure's owner:", StringComparison.Ordinal));
        Assert.DoesNotContain(article.Engine.Explain("产业园注册企业有多少家？"), l => l.StartsWith("figure's owner:", StringComparison.Ordinal));

        // What the clauses themselves name is answered.
        Assert.Equal("101.29亿元", article.AnswerTo("深哈产业园企业的注册资本金是多少？"));
        Assert.Equal("286家", article.AnswerTo("产业园注册企业有多少家？"));
    }

    [Theory]
    // The seed's figure and the name after it, in a clause of its own.
    [InlineData("华为鲲鹏在深哈产业园投了多少钱？", "产业招商方面:注册企业286家,注册资本金101.29亿元,引入华为鲲鹏、哈", "101.29亿元", true)]
    // A clause that shares a word with the question speaks of its subject (本站 for 大沙地站; CMRC 2018 dev).
    [InlineData("大沙地站共有几层？", "本站共有两层，地面为大沙地东路、镇东路、黄埔区审计局以及其它小区和村落等建筑；", "两层", false)]
    // A time opening the sentence belongs to the clause after it (DRCD, in Simplified here).
    [InlineData("奥斯陆被提升为主教辖区于西元几年？", "1070年，奥斯陆被提升为主教辖区。", "1070年", false)]
    // A figure opening its clause qualifies what follows it.
    [InlineData("韩国的义务兵役需要服多久？", "依照韩国法律，20到30岁之间身体健康、无残疾的韩国男性需要服义务兵役，一般服役期限为两年。", "20到30岁", false)]
    public void A_figure_belongs_to_its_own_clause(string question, string sentence, string answer, bool onlyAfter)
    {
        var q = Questions.Analyze(question);
        var weights = WordWeights.Shared.Of(q.Keywords);
        Assert.Equal(onlyAfter, FigureOwner.OnlyAfter(q, sentence, sentence.IndexOf(answer, StringComparison.Ordinal), answer.Length, weights));
    }
}
