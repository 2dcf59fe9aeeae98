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

    public void Dispose() => _article.Dispose();
}
