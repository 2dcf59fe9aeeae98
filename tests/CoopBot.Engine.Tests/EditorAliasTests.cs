using CoopBot.Engine.Answering;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Tests;

/// <summary>Editors' aliases: how a question is rewritten, the plain-text file, and suggestions tried on the seed.</summary>
public class EditorAliasTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly EditorAliases Newsroom = new([new("进修", "培训学习"), new("取经", "培训学习"), new("哈电", "哈电集团"), new("龙粤", "黑龙江和广东"), new("哈电厂", "哈电集团")]);

    [Theory]
    [InlineData("咱们省一共送了多少干部去广东进修？", "咱们省一共送了多少干部去广东培训学习？")]
    [InlineData("哈电是我国生产什么设备的企业？", "哈电集团是我国生产什么设备的企业？")]
    [InlineData("哈电集团是我国生产什么设备的企业？", "哈电集团是我国生产什么设备的企业？")] // the articles' wording is not doubled
    [InlineData("哈电厂在哪里？", "哈电集团在哪里？")] // the longest phrase wins
    [InlineData("龍粵合作簽了多少項目？", "黑龙江和广东合作簽了多少項目？")] // Traditional forms of a phrase match; the rest is left as typed
    [InlineData("两省对口合作的总签约额是多少？", "两省对口合作的总签约额是多少？")]
    public void A_question_is_read_in_the_articles_words(string question, string rewritten) =>
        Assert.Equal(rewritten, Newsroom.Rewrite(question));

    [Fact]
    public void With_an_alias_of_the_articles_wording_the_seed_question_gets_the_answer_it_misses_without_it()
    {
        // Without the alias, 取经 matches nothing the page prints and 人 is vaguer than 干部: the question is refused.
        const string question = "咱们一共送了多少人去广东取经？";
        Assert.False(fixture.Engine.Try(question).Answered);

        var answer = fixture.Engine.Try(Newsroom.Rewrite(question));

        Assert.True(answer.Answered);
        Assert.Equal("2546名", answer.Text);
        Assert.Contains("我省已派出2546名干部赴广东参加各类培训学习", answer.Passages[0].Passage.Text);
        Assert.True(answer.Confidence > 0);
    }

    [Theory]
    [InlineData("修", "培训学习", "至少要两个字")]
    [InlineData("", "培训学习", "请填写两边")]
    [InlineData("进修", "进修", "两边相同")]
    [InlineData("进修=", "培训学习", "等号")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "培训", "最多 20 个字")]
    public void An_alias_that_would_do_harm_or_nothing_is_refused_with_a_reason(string phrase, string canonical, string reason) =>
        Assert.Contains(reason, EditorAliases.Problem(phrase, canonical));

    [Fact]
    public void The_plain_text_file_round_trips_and_bad_lines_are_reported_with_their_numbers()
    {
        var (aliases, problems) = EditorAliases.Parse(new StringReader("# 注释\n进修 = 培训学习  # 行尾注释\n\n龍粵=黑龙江和广东\n没有等号\n修 = 学习\n"));

        Assert.Equal([new EditorAlias("进修", "培训学习"), new EditorAlias("龙粤", "黑龙江和广东")], aliases);
        Assert.Equal(["第 5 行没有等号：没有等号", "第 6 行：说法至少要两个字：一个字的替换会改动包含它的其他词。"], problems);
        var again = EditorAliases.Parse(new StringReader(EditorAliases.Format(aliases)));
        Assert.Equal(aliases, again.Aliases);
        Assert.Empty(again.Problems);
    }

    [Fact]
    public void Given_the_passage_that_answers_a_refused_question_the_suggestions_are_tried_and_each_answers_it_from_that_passage()
    {
        // The question's closest passages miss the one that answers it; the editor finds it with the articles'
        // wording, as the console's fix page lets them.
        const string question = "咱们一共送了多少人去广东取经？";
        Assert.DoesNotContain(fixture.Engine.Try(question).Passages, p => p.Passage.Text.Contains("我省已派出2546名干部", StringComparison.Ordinal));
        var passage = fixture.Engine.Try("培训学习").Passages.First(p => p.Passage.Text.Contains("2546名", StringComparison.Ordinal)).Passage;

        var result = AliasSuggestions.Suggest(fixture.Engine, question, passage.Id, EditorAliases.None);

        Assert.False(result.AlreadyAnswered);
        Assert.Equal(["取经"], result.MissingWords);
        Assert.NotEmpty(result.Suggestions);

        // A verb for verbs: 培训学习 ranks above pairs such as 参加各类 that the reader would accept too.
        Assert.Equal(new EditorAlias("取经", "培训学习"), result.Suggestions[0].Alias);
        Assert.All(result.Suggestions, s =>
        {
            var answer = fixture.Engine.Try(new EditorAliases([s.Alias]).Rewrite(question));
            Assert.True(answer.Answered);
            Assert.Equal(passage.Id, answer.Passages[0].Passage.Id);
            Assert.Equal(s.Answer, answer.Text);
        });
    }

    [Fact]
    public void A_question_already_answered_from_the_passage_needs_no_alias_and_an_unknown_passage_gets_no_suggestion()
    {
        var answer = fixture.Engine.Try("有多少名干部赴广东学习培训？");

        Assert.True(AliasSuggestions.Suggest(fixture.Engine, "有多少名干部赴广东学习培训？", answer.Passages[0].Passage.Id, EditorAliases.None).AlreadyAnswered);
        Assert.Empty(AliasSuggestions.Suggest(fixture.Engine, "咱们一共送了多少人去广东取经？", "p-not-a-passage", EditorAliases.None).Suggestions);
    }

    [Fact]
    public void Trying_a_question_leaves_the_answer_cache_alone()
    {
        var before = fixture.Engine.AnswerCacheStatistics;
        fixture.Engine.Try("深哈产业园注册了多少家企业？");
        Assert.Equal(before, fixture.Engine.AnswerCacheStatistics);
    }
}
