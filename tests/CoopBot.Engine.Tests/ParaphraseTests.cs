using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;
using CoopBot.Training;

namespace CoopBot.Engine.Tests;

/// <summary>
/// The answer/refuse model also trains on chat-style rewordings of each training question: some of the
/// words the paragraph prints are replaced by ones it does not print, while names, the question word
/// and the answer stay.
/// </summary>
public class ParaphraseTests
{
    private static readonly QuestionAnalyzer Questions = new(ChineseAnalysis.CreateAnalyzer());

    private const string Paragraph = "截至2020年底，广东省异地储备粮在黑龙江的储存量为51.65万吨，两省累计互推旅游合作项目131个。";

    [Fact]
    public void A_rewording_replaces_printed_words_and_keeps_names_question_word_and_answer()
    {
        var q = Questions.Analyze("广东省异地储备粮在黑龙江的储存量是多少？");
        var folded = Text.TextNormalizer.FoldPreservingOffsets(Paragraph);
        string[] pool = ["存放", "攒下", "寄存", "溜达"]; // as the trainer draws them: words of other questions
        int reworded = 0;
        for (int seed = 0; seed < 50; seed++)
        {
            var text = Paraphrases.Of(q, folded, ["51.65万吨"], pool, new Random(seed));
            if (text is null)
            {
                continue;
            }

            reworded++;
            Assert.NotEqual(q.Normalized, text);
            Assert.Contains("多少", text); // the question word
            Assert.Contains("黑龙江", text); // a name
            Assert.Contains("广东省", text);

            // What was put in is not printed in the paragraph: the rewording misses words it printed.
            var missing = Questions.Analyze(text).Keywords.Where(k => !folded.Contains(k, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(missing);
        }

        Assert.InRange(reworded, 10, 50); // most seeds reword something, with a share of 0.4 per word
    }

    [Fact]
    public void A_question_whose_words_the_paragraph_does_not_print_has_no_rewording()
    {
        var q = Questions.Analyze("北京冬奥会的吉祥物叫什么？");
        var folded = Text.TextNormalizer.FoldPreservingOffsets(Paragraph);
        Assert.Null(Paraphrases.Of(q, folded, ["冰墩墩"], ["存放"], new Random(1)));
    }
}
