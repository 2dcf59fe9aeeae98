namespace CoopBot.Engine.Tests;

/// <summary>Figures of encyclopaedia text come with their units, in both scripts: a length in 公分 or 厘米, a distance in 光年, points in a game, a price in 港元.</summary>
public class UnitTests
{
    [Theory]
    [InlineData("黑尾蝮蛇體長一般多少公分？", "60公分")]
    [InlineData("黑尾蝮蛇最長的紀錄是多長？", "105公分")]
    [InlineData("天狼星距离地球有多远？", "8.6光年")]
    [InlineData("他在决赛中每场平均能得几分？", "27.3分")]
    [InlineData("这本杂志创刊时的定价是多少？", "12港元")]
    [InlineData("那座水电站的装机容量是多少？", "240万千瓦")]
    [InlineData("这种鱼生活在多深的水里？", "100至400公尺")] // a range is one answer
    [InlineData("这种鱼适宜的水温是多少度？", "22~27℃")]
    [InlineData("这种鱼的体长是多少？", "35公分")] // not 一个 of 是一个种
    public void A_figure_is_answered_with_the_unit_it_is_printed_with(string question, string answer)
    {
        using var article = new TextEngine(
            "百科摘录",
            "黑尾蝮蛇是一種分布於東亞的毒蛇，體長一般約60公分，目前最長的紀錄為105公分，雌蛇通常比雄蛇大。",
            "天狼星是夜空中最亮的恒星，距离地球约8.6光年，属于大犬座。",
            "他在那届联赛的决赛中表现出色，每场平均得到27.3分，并当选最有价值球员。",
            "这本杂志于1998年创刊，创刊时定价为12港元，每月出版一期。",
            "那座水电站于2009年全部建成，总装机容量达到240万千瓦，年发电量约100亿千瓦时。",
            "这种鱼是一个分布广泛的种，体长可达35公分，生活在水深100至400公尺的海域，适宜的水温为22~27℃。");

        Assert.Equal(answer, article.AnswerTo(question));
    }
}
