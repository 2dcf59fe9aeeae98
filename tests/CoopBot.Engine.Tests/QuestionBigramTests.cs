using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// The span ranker reads how much of the question's character bigrams each sentence prints, weighed by
/// how few of the passage's sentences print them: a name SmartCn does not know (徐展堂, cut 徐/展/堂) is the
/// passage's topic and printed everywhere, so it must not outweigh the one sentence with the verb asked.
/// </summary>
[Trait("Category", "Unit")]
public class QuestionBigramTests
{
    private static readonly QuestionAnalyzer Questions = new(ChineseAnalysis.CreateAnalyzer());

    private static (QuestionBigrams Bigrams, PreparedPassage Passage) Read(string question, string text, string title = "")
    {
        var passage = new PreparedPassage(new Passage("p1", "a1", "徐展堂", 0, text, null), 0);
        return (new QuestionBigrams(Questions.Analyze(question), passage.Sentences, title), passage);
    }

    /// <summary>The seed page's article on the Shenzhen–Harbin park: its subject is named in the first sentence only.</summary>
    private const string ParkTitle = "深哈产业园亮出特区范儿 加速度";

    private const string Park =
        "2019年5月9日,深圳、哈尔滨两市签订了《共建深圳(哈尔滨)产业园区合作协议》,9月1日,深哈产业园科创总部项目奠基动工,460天完成43.42万平方米工程建设,再创深哈速度,亮出特区范儿。" +
        "截至目前,核心启动区累计完成投资32.86亿元,完成市政道路建设6公里;与万科合作共建人才社区。";

    private const string Life =
        "徐展堂，江苏宜兴人，是香港著名商人。徐展堂1950年随家人来到香港。徐展堂1957年创业，经营食肆、油漆等。2010年4月2日早上11时在北京协和医院逝世，终年69岁。";

    [Fact]
    public void The_sentence_with_the_verb_asked_outranks_the_ones_that_repeat_the_topic()
    {
        var (bigrams, passage) = Read("徐展堂在什么时候逝世了？", Life);
        int died = passage.Sentences.ToList().FindIndex(s => s.Text.Contains("逝世", StringComparison.Ordinal));
        Assert.Equal(4, passage.Sentences.Count);
        Assert.Equal(0, bigrams.Rank[died]);
        Assert.All(Enumerable.Range(0, 4).Where(i => i != died), i => Assert.True(bigrams.Share[i] < bigrams.Share[died], $"sentence {i}: {bigrams.Share[i]} against {bigrams.Share[died]}"));

        // With the sentence before it (which names him), it holds more of the question still.
        Assert.True(bigrams.WithPrevious[died] > bigrams.Share[died]);
        Assert.All(bigrams.Share, (s, i) => Assert.True(bigrams.WithPrevious[i] >= s));
    }

    [Fact]
    public void The_longest_run_of_the_question_each_sentence_prints_ignores_the_question_word()
    {
        var (bigrams, _) = Read("徐展堂在什么时候逝世了？", Life + "什么时候都不晚。");
        Assert.Equal([3f, 3f, 3f, 2f, 0f], bigrams.LongestCommon);
        Assert.Equal(0f, bigrams.Share[4]);
    }

    [Fact]
    public void Every_sentence_prints_a_share_of_the_question_between_nothing_and_all_of_it()
    {
        var (bigrams, passage) = Read("徐展堂是哪里人？", Life);
        Assert.Equal(passage.Sentences.Count, bigrams.Share.Length);
        Assert.All(bigrams.Share, s => Assert.InRange(s, 0f, 1f));
        Assert.All(bigrams.WithPrevious, s => Assert.InRange(s, 0f, 1f));
        Assert.True(bigrams.Total > 0);
        var sums = bigrams.PrefixSums(0);
        Assert.Equal(passage.Sentences[0].Text.Length + 1, sums.Length);
        Assert.True(sums[^1] > 0, "the first sentence prints 徐展堂");
    }

    [Fact]
    public void What_is_asked_beyond_the_articles_subject_picks_the_sentence_that_leaves_the_subject_to_the_title()
    {
        // 深哈产业园 is the title's subject: the first sentence prints it and 完成, the second what is asked (累计完成投资).
        var (bigrams, passage) = Read("深哈产业园累计完成投资多少？", Park, ParkTitle);
        int asked = passage.Sentences.ToList().FindIndex(s => s.Text.Contains("累计完成投资", StringComparison.Ordinal));
        Assert.True(asked > 0);
        Assert.True(bigrams.Share[0] >= bigrams.Share[asked], $"by all the question's bigrams the subject's sentence ties or leads: {bigrams.Share[0]} against {bigrams.Share[asked]}");
        Assert.Equal(0, bigrams.TopicFreeRank[asked]);
        Assert.True(bigrams.TopicFreeShare[asked] > bigrams.TopicFreeShare[0], $"{bigrams.TopicFreeShare[asked]} against {bigrams.TopicFreeShare[0]}");
        Assert.True(bigrams.TopicFreeShare[asked] > bigrams.Share[asked], "the subject's bigrams no longer count against the sentence asked");
        Assert.True(bigrams.TopicFreeTotal < bigrams.Total);
        Assert.Equal(0, bigrams.TopicFreeCharRank[asked]);
        Assert.Equal(0, bigrams.TopicFreeMixedRank[asked]);

        // The subject itself is the title's; a figure of the text is not.
        Assert.Equal(1f, bigrams.InTitle("深哈产业园"));
        Assert.Equal(0f, bigrams.InTitle("32.86亿元"));
    }

    [Fact]
    public void Without_a_title_that_prints_the_question_the_topic_free_shares_are_the_plain_ones()
    {
        foreach (var title in new[] { "", "两省合作" })
        {
            var (bigrams, passage) = Read("深哈产业园累计完成投资多少？", Park, title);
            Assert.Equal(bigrams.Total, bigrams.TopicFreeTotal);
            Assert.Equal(bigrams.Share, bigrams.TopicFreeShare);
            Assert.Equal(bigrams.Rank, bigrams.TopicFreeRank);
            Assert.All(bigrams.TopicFreeChars, s => Assert.InRange(s, 0f, 1f));
            Assert.Equal(0f, bigrams.InTitle("深哈产业园"));
        }
    }
}
