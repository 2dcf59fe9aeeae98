using CoopBot.Engine.Reading;

namespace CoopBot.Engine.Tests;

/// <summary>
/// The word classes the span ranker reads come from jieba's dictionary, shipped inside the engine: a
/// missing dictionary would quietly give every word the class "unknown" and the ranker features it was
/// not trained on.
/// </summary>
[Trait("Category", "Unit")]
public class PartsOfSpeechTests
{
    [Fact]
    public void The_dictionary_ships_inside_the_engine() => Assert.True(PartsOfSpeech.Shared.Loaded);

    [Theory]
    [InlineData("乾隆", WordClass.Person)] // 清朝乾隆十八年 is a date, though it holds an emperor's name
    [InlineData("哈尔滨", WordClass.Place)]
    [InlineData("中国共产党", WordClass.Organization)]
    [InlineData("清朝", WordClass.Time)]
    [InlineData("时期", WordClass.Noun)]
    [InlineData("摄政王", WordClass.Noun)]
    [InlineData("建立", WordClass.Verb)]
    [InlineData("位于", WordClass.Verb)]
    [InlineData("由", WordClass.Function)]
    [InlineData("的", WordClass.Function)]
    [InlineData("郑连昌", WordClass.Unknown)] // a name the dictionary never saw
    public void A_word_has_its_usual_class(string word, WordClass expected) =>
        Assert.Equal(expected, PartsOfSpeech.Shared.Of(word));

    [Theory]
    [InlineData("马兴瑞", "研究推进")]
    [InlineData("郑连昌", "建于清朝")]
    [InlineData("黄春英", "合作机制")]
    [InlineData("利安纳度·萨尔加多", "亚洲金融风暴")]
    public void A_name_no_dictionary_lists_reads_as_a_name(string name, string other)
    {
        var shape = PartsOfSpeech.Shared.NameShape(name);
        Assert.True(shape > PartsOfSpeech.Shared.NameShape(other), $"{name} {shape:F2} against {other} {PartsOfSpeech.Shared.NameShape(other):F2}");
    }

    [Theory]
    [InlineData("1753年")]
    [InlineData("马")]
    [InlineData("Henry A. Walsh")]
    public void Only_a_run_of_two_to_eight_Chinese_characters_has_a_name_shape(string text) =>
        Assert.Equal(-10, PartsOfSpeech.Shared.NameShape(text));

    [Fact]
    public void Jiebas_tags_group_into_the_readers_classes()
    {
        var dictionary = "马兴瑞 3 nr\n王乔治 3 nrfg\n黑龙江 900 ns\n十八年 5 m\n年间 30 t\n建设 800 vn\n很 9000 d\nbroken line\n";
        var classes = PartsOfSpeech.Read(new StringReader(dictionary));

        Assert.Equal(WordClass.Person, classes.Of("马兴瑞"));
        Assert.Equal(WordClass.Person, classes.Of("王乔治"));
        Assert.Equal(WordClass.Place, classes.Of("黑龙江"));
        Assert.Equal(WordClass.Number, classes.Of("十八年"));
        Assert.Equal(WordClass.Time, classes.Of("年间"));
        Assert.Equal(WordClass.Noun, classes.Of("建设")); // a verbal noun is read as a noun
        Assert.Equal(WordClass.Function, classes.Of("很"));
        Assert.Equal(WordClass.Unknown, classes.Of("broken"));
        Assert.Equal(WordClass.Place, classes.Of("黑龙江".AsSpan()));
    }
}
