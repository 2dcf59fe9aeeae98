using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// "How much" is answered with the figure printed for what the question measures (体长, 水深, 人口), not with a
/// figure of a sentence that never names it (…雀鲷科的其中一种), however much of the question's subject that
/// sentence holds. Passages from CMRC 2018 dev, whose answers the ranker alone got wrong.
/// </summary>
public class MeasuredNounTests
{
    private static readonly QuestionAnalyzer Questions = new(Indexing.ChineseAnalysis.CreateAnalyzer());

    private const string Damselfish =
        "黑褐新箭雀鲷，又称黑褐副雀鲷、拟黑雀鲷，俗名为厚壳仔，为辐鳍鱼纲鲈形目隆头鱼亚目雀鲷科的其中一种。本鱼分布于印度西太平洋区，包括安达曼海、台湾、日本、越南、马来西亚、菲律宾、印尼、新几内亚、帛琉、密克罗尼西亚、马绍尔群岛、马里亚纳群岛、索罗门群岛、斐济群岛、万那杜、澳洲北部等海域。水深2至23公尺。本鱼体呈椭圆形而侧扁，幼鱼时体色鲜黄色，有二条黑色纵带；成鱼则体呈棕色，尾鳍颜色较淡，吻短而略尖。背鳍硬棘13枚、背鳍软条14至16枚、臀鳍硬棘2枚、臀鳍软条13至15枚。体长可达10公分。本鱼栖息在珊瑚礁密生的礁湖或向海斜坡上，大多独自行动，属杂食性，以摄食藻类、甲壳类等为生。";

    [Theory]
    [InlineData("溪银汉鱼的体长是多少？", "体长")]
    [InlineData("溪銀漢魚的體長是多少？", "体长")] // Traditional, folded as every question is
    [InlineData("黑褐新箭雀鲷生活在水深多少的海域？", "水深")] // 多少的海域: the noun after 的 is not what is measured
    [InlineData("王江泾镇内有多少人口？", "人口")] // 多少人口: 人 is not the unit here
    [InlineData("短齿天竺鲷有多少枚臀鳍硬棘？", "臀鳍硬棘")]
    [InlineData("升庵桂湖的总面积是多少？", "总面积")]
    [InlineData("两省对口合作的总签约额是多少？", "签约额")]
    [InlineData("色林错的湖心区水深在多少米以上？", "水深")] // 以上 qualifies the figure
    [InlineData("说勉语的人大约有多少人？", null)] // 人 alone names nothing measured
    [InlineData("深哈产业园是哪一年开工的？", null)] // not a quantity
    public void The_noun_a_quantity_question_measures(string question, string? noun)
    {
        Assert.Equal(noun, MeasuredNoun.Of(Questions.Analyze(question)));
    }

    [Theory]
    [InlineData("体长可达10公分。", "10公分", "体长", "10公分")]
    [InlineData("等海域。水深2至23公尺。本鱼", "2至23公尺", "水深", "2至23公尺")] // the range and its unit are one figure
    [InlineData("等海域。水深2至23公尺。本鱼", "23公尺", "水深", null)] // the second end of a range is not where the figure starts
    [InlineData("升庵桂湖总面积为46,600m²，", "46,600m²", "面积", "46,600m²")]
    [InlineData("雀鲷科的其中一种。", "一种", "体长", null)]
    [InlineData("体长，尾鳍颜色较淡，10公分", "10公分", "体长", null)] // punctuation between: another clause's figure
    public void The_figure_printed_for_the_noun(string text, string span, string noun, string? figure)
    {
        int start = text.IndexOf(span, StringComparison.Ordinal);
        int end = MeasuredNoun.FigureEnd(text, start, noun);
        Assert.Equal(figure, end < 0 ? null : text[start..end]);
    }

    [Fact]
    public void How_much_is_answered_with_the_figure_of_the_noun_asked()
    {
        using var article = new TextEngine("黑褐新箭雀鲷", Damselfish);

        // The ranker alone: 一种 (from …雀鲷科的其中一种, the sentence with the fish's name) for both.
        Assert.Equal("2至23公尺", article.AnswerTo("黑褐新箭雀鲷生活在水深多少的海域？"));
        Assert.Equal("10公分", article.AnswerTo("黑褐新箭雀鲷的体长是多少？"));

        // Counts printed after their noun are read the same way.
        Assert.Equal("2枚", article.AnswerTo("黑褐新箭雀鲷有多少枚臀鳍硬棘？"));

        // `ask --explain` names the noun measured.
        Assert.Contains(article.Engine.Explain("黑褐新箭雀鲷的体长是多少？"), l => l.StartsWith("topic:", StringComparison.Ordinal) && l.Contains("noun measured 体长;", StringComparison.Ordinal));
    }
}
