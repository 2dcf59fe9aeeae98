namespace CoopBot.Engine.Tests;

/// <summary>A year printed in a reign or era and in the common era is answered as the one date it is.</summary>
public sealed class EraDateTests : IDisposable
{
    private readonly TextEngine _article = new(
        "史料摘录",
        "这座寺院始建于唐朝贞观九年（635年），历代屡有修葺，现存大殿为清代重建。",
        "學校於民國38年（1949年）9月遷至現址，校園面積約十二公頃。",
        "现存的钟楼于1995年（平成7年）按原样重建，对外开放参观。");

    [Theory]
    [InlineData("这座寺院始建于哪一年？", "贞观九年（635年）")]
    [InlineData("學校是在什麼時候遷至現址的？", "民國38年（1949年）9月")]
    [InlineData("现存的钟楼是哪一年重建的？", "1995年（平成7年）")]
    public void An_era_year_and_its_common_era_year_are_one_answer(string question, string answer) =>
        Assert.Equal(answer, _article.AnswerTo(question));

    [Theory]
    // DRCD test (CC BY-SA 3.0): the ranker's span stopped before 日 and before the 代 of a decade.
    [InlineData("廣東在什麼時候建立都督府並宣布獨立？", "宣统三年九月十九日，广东宣布独立，建立都督府。", "宣统三年九月十九", "宣统三年九月十九日")]
    [InlineData("「臺灣新電影」的風潮在哪一年代開始盛行？", "台湾新电影的风潮在1980年代开始盛行。", "1980年", "1980年代")]
    [InlineData("台湾新电影的风潮在哪一年开始盛行？", "台湾新电影的风潮在1980年代开始盛行。", "1980年", "1980年")] // a year asked: the year
    public void A_date_cut_before_its_day_or_decade_is_the_printed_date(string question, string passage, string span, string expected)
    {
        var q = new Retrieval.QuestionAnalyzer(Indexing.ChineseAnalysis.CreateAnalyzer()).Analyze(question);
        int at = passage.IndexOf(span, StringComparison.Ordinal);
        var (s, length) = Reading.WholePhrase.Of(q, passage, at, span.Length);
        Assert.Equal(expected, passage.Substring(s, length));
    }

    public void Dispose() => _article.Dispose();
}
