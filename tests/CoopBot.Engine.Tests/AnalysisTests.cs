using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Tests;

/// <summary>Analysis of real sentences, and question reading.</summary>
[Trait("Category", "Unit")]
public class AnalysisTests
{
    private static readonly Lucene.Net.Analysis.Analyzer Analyzer = ChineseAnalysis.CreateAnalyzer();

    [Fact]
    public void SmartCn_segments_a_seed_sentence_into_words()
    {
        var terms = ChineseAnalysis.Terms(Analyzer, FieldNames.Words, "我省已派出2546名干部赴广东参加各类培训学习");
        Assert.Equal(["我", "省", "已", "派出", "2546", "名", "干部", "赴", "广东", "参加", "各类", "培训", "学习"], terms);
    }

    [Fact]
    public void Bigram_field_indexes_overlapping_character_pairs()
    {
        var terms = ChineseAnalysis.Terms(Analyzer, FieldNames.Bigrams, "总签约额4901亿元");
        Assert.Equal(["总签", "签约", "约额", "4901", "亿元"], terms);
    }

    [Fact]
    public void Indexed_text_keeps_Chinese_punctuation_but_folds_width_case_and_script()
    {
        const string printed = "（黑龍江）簽約額，ＡＢＣ　２０２１年！";
        var folded = TextNormalizer.FoldForAnalysis(printed);
        Assert.Equal("（黑龙江）签约额，abc 2021年！", folded);
        Assert.Equal(printed.Length, folded.Length);
    }

    [Fact]
    public void Fast_lower_casing_agrees_with_the_runtime_on_every_UTF16_code_unit()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            Assert.Equal(char.ToLowerInvariant((char)c), TextNormalizer.LowerInvariant((char)c));
        }
    }

    [Theory]
    [InlineData("兩省對口合作的總簽約額是多少？", "两省对口合作的总签约额是多少")]
    [InlineData("  有多少名干部 赴广东学习培训？？ ", "有多少名干部赴广东学习培训")]
    [InlineData("ＡＢＣ　ＤＥＦ公司　２０２１年", "abc def公司2021年")]
    public void Questions_are_normalised(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.NormalizeQuestion(raw));

    [Theory]
    [InlineData(SeedFacts.TotalQuestion, AnswerKind.Quantity, "元")]
    [InlineData(SeedFacts.CadresQuestion, AnswerKind.Quantity, "名")]
    [InlineData("民营企业项目占总项目数的比例是多少？", AnswerKind.Quantity, "%")]
    [InlineData("民营企业项目占多大比例？", AnswerKind.Quantity, "%")] // the share named after the question word
    [InlineData("民营项目占了几成？", AnswerKind.Quantity, "%")] // tenths, printed as a percentage as often as not
    [InlineData("深哈产业园注册了多少家企业？", AnswerKind.Quantity, "家")]
    [InlineData("两省第一次对口合作座谈会是哪天召开的？", AnswerKind.Date, null)]
    [InlineData("深哈产业园科创总部项目什么时候奠基动工？", AnswerKind.Date, null)]
    [InlineData("华南理工大学与哪家企业合作开展模具钢研究？", AnswerKind.Organization, null)]
    [InlineData("方案是由哪个部门发布的？", AnswerKind.Organization, null)]
    [InlineData("代表团考察了哪些地方？", AnswerKind.List, null)]
    [InlineData("两省在服务业上具体合作哪几块？", AnswerKind.List, null)] // which ones, not how many
    [InlineData("兩省在哪幾個領域合作？", AnswerKind.List, null)]
    [InlineData("两省合作了几个项目？", AnswerKind.Quantity, "个")]
    [InlineData("每天有多少趟列车经过这个站？", AnswerKind.Quantity, "趟")] // classifiers of counts, not only measures
    [InlineData("这种鱼的上颌有几颗犬齿？", AnswerKind.Quantity, "颗")]
    [InlineData("比赛一共分为几轮？", AnswerKind.Quantity, "轮")]
    [InlineData("決賽共有幾隊參加？", AnswerKind.Quantity, "队")]
    [InlineData("余男凭哪部影片囊括了该年度几乎所有重要的奖项？", AnswerKind.Entity, null)] // 几乎 (almost) asks nothing
    [InlineData("「一團混亂，生產動機和效率卻幾近於零」此句話形容的是哪一經濟改革？", AnswerKind.Entity, null)] // nor 几近; DRCD
    [InlineData("物理光學比幾何光學更接近物理原理，但不能像哪個模型那樣全面描述光傳播？", AnswerKind.Entity, null)] // nor 几何 (geometry); DRCD
    [InlineData("谁率团赴广东？", AnswerKind.Person, null)]
    [InlineData("产业园在哪里？", AnswerKind.Place, null)]
    [InlineData("深哈产业园的总经理叫什么？", AnswerKind.Person, null)] // the name of a role asks who
    [InlineData("嘉诺撒圣家学校的现任校长名字是什么？", AnswerKind.Person, null)]
    [InlineData("深哈产业园叫什么名字？", AnswerKind.Entity, null)] // not a role: the name of a thing
    public void Question_kind_and_unit_are_understood(string question, AnswerKind kind, string? unit)
    {
        var q = new QuestionAnalyzer(Analyzer).Analyze(question);
        Assert.Equal(kind, q.Kind);
        Assert.Equal(unit, q.Unit);
    }

    [Fact]
    public void Keywords_leave_out_question_words_and_function_words()
    {
        var q = new QuestionAnalyzer(Analyzer).Analyze(SeedFacts.CadresQuestion);
        Assert.Equal(["干部", "赴", "广东", "学习", "培训"], q.Keywords);
        Assert.Equal("名", q.Unit);
    }

    [Theory]
    [InlineData("台灣正式割讓給日本是依據哪一條約?", "条约")] // DRCD; read as 哪一条 + 约 it lost the noun, and the passage printing 马关条约 was refused
    [InlineData("这首歌的哪一部分被用作节目主题曲？", "部分")] // CMRC
    [InlineData("汽车的哪一位置最安全？", "位置")] // not 哪一位 (who) + 置
    public void A_noun_that_opens_with_a_measure_word_is_a_keyword_not_part_of_the_question_word(string question, string noun)
    {
        var q = new QuestionAnalyzer(Analyzer).Analyze(question);
        Assert.Equal(AnswerKind.Entity, q.Kind);
        Assert.Contains(noun, q.Keywords);
        Assert.Equal("哪一", q.Normalized.Substring(q.WhStart, q.WhLength));
    }

    [Theory]
    [InlineData("广东省省长叫什么名字？")]
    [InlineData("广东省省长的名字是什么？")]
    public void The_words_that_ask_a_roles_name_are_the_question_word_not_its_topic(string question)
    {
        var q = new QuestionAnalyzer(Analyzer).Analyze(question);
        Assert.Equal(AnswerKind.Person, q.Kind);
        Assert.DoesNotContain("名字", q.Keywords);
        Assert.DoesNotContain("叫", q.Keywords);
        Assert.Contains("省长", q.Keywords);
    }

    [Theory]
    [InlineData("深哈产业园一期投资多少？", true)] // 深|哈|产业|园: 哈 is half of Shenzhen-Harbin's name
    [InlineData("深哈产业园注册了多少家企业哈？", false)] // a chat particle at the clause's end
    [InlineData("深哈产业园注册了多少家企业哈哈！", false)]
    public void Ha_is_a_keyword_unless_it_is_a_particle_at_a_clauses_end(string question, bool keyword)
    {
        var q = new QuestionAnalyzer(Analyzer).Analyze(question);
        Assert.Equal(keyword, q.Keywords.Contains("哈"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("？？？！！")]
    [InlineData("AND OR NOT * ? ~ ^ : \\ / [ ] { } ( ) \" + - !")]
    [InlineData("😀\u200B\u0007多少")]
    public void Odd_questions_are_read_without_throwing(string question)
    {
        var q = new QuestionAnalyzer(Analyzer).Analyze(question);
        Assert.DoesNotContain(q.Keywords, k => k.Length == 0);
    }
}

/// <summary>
/// Index time and question time fold text differently before the same chains (see ChineseAnalysis'
/// remarks). This measures what that costs on the seed: each passage, read as a question, against the
/// same passage as indexed.
/// </summary>
[Trait("Category", "Unit")]
public class FoldAgreementTests
{
    private static (double Words, double Bigrams) Agreement()
    {
        using var indexing = ChineseAnalysis.CreateIndexingAnalyzer();
        using var searching = ChineseAnalysis.CreateAnalyzer();
        var corpus = CoopBot.Engine.Ingestion.CorpusLoader.Load(TestPaths.Seeds);
        double Share(string field)
        {
            int indexed = 0, matched = 0;
            foreach (var p in corpus.DistinctPassages())
            {
                var asQuestion = ChineseAnalysis.Terms(searching, field, TextNormalizer.NormalizeQuestion(p.Text)).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
                foreach (var term in ChineseAnalysis.Terms(indexing, field, TextNormalizer.FoldForAnalysis(p.Text)))
                {
                    indexed++;
                    if (asQuestion.TryGetValue(term, out int left) && left > 0)
                    {
                        matched++;
                        asQuestion[term] = left - 1;
                    }
                }
            }

            return (double)matched / indexed;
        }

        return (Share(FieldNames.Words), Share(FieldNames.Bigrams));
    }

    [Fact]
    public void Words_and_bigrams_of_a_passage_read_as_a_question_are_nearly_all_its_indexed_terms()
    {
        var (words, bigrams) = Agreement();
        Console.WriteLine($"fold agreement on the seed: words {words:P2}, bigrams {bigrams:P2}");
        Assert.True(bigrams >= 0.999, $"bigrams {bigrams:P2}");
        Assert.True(words >= 0.99, $"words {words:P2}");
    }
}
