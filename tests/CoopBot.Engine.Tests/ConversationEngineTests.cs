using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>
/// What the engine does for a conversation, on the seed page and on an article added to the test
/// data only (<c>Data/articles/2023-06-18-jiangbei-binhai.txt</c>, dated by its file name), so no
/// behaviour rests on one sentence: follow-ups read with the earlier question, several figures of one
/// measure with their scopes, relative dates resolved.
/// </summary>
public sealed class ConversationEngineTests(EngineFixture seed, ConversationEngineTests.AddedArticle added) : IClassFixture<EngineFixture>, IClassFixture<ConversationEngineTests.AddedArticle>
{
    /// <summary>An engine over the added article alone.</summary>
    public sealed class AddedArticle : IDisposable
    {
        private readonly TempDir _dir = TestPaths.NewTempDir();

        public AddedArticle() => Engine = QaEngine.Open(new EngineOptions(Path.Combine(TestPaths.Root, "tests", "CoopBot.Engine.Tests", "Data", "articles"), _dir.Sub("index")));

        public QaEngine Engine { get; }

        public void Dispose()
        {
            Engine.Dispose();
            _dir.Dispose();
        }
    }

    private QaEngine Seed => seed.Engine;

    private QaEngine Added => added.Engine;

    [Fact]
    public void A_pronoun_is_read_as_what_the_earlier_question_asked_about()
    {
        var first = new FollowUps(Seed).Ask("有多少名干部赴广东学习培训？", null);
        Assert.Equal("2546名", first.Answer.Text);
        Assert.Null(first.Understood);

        var second = new FollowUps(Seed).Ask("他们是哪年去的？", first.Turn);
        Assert.NotNull(second.Understood);
        Assert.Contains("干部", second.Understood);
        Assert.Contains("广东", second.Understood);
        Assert.Equal("2020年", second.Answer.Text);
    }

    [Fact]
    public void A_demonstrative_stands_for_the_earlier_answer()
    {
        var first = new FollowUps(Seed).Ask("深哈产业园9月1日奠基开工的是哪个项目？", null);
        Assert.Equal("科创总部项目", first.Answer.Text);
        var second = new FollowUps(Seed).Ask("这个项目用了多少天完成工程建设？", first.Turn);
        Assert.StartsWith("科创总部项目", second.Understood);
        Assert.Equal("460天", second.Answer.Text);
    }

    [Theory]
    [InlineData("两地将重点在哪些领域加强合作？", "第二个呢？", "海洋装备")]
    [InlineData("两地将重点在哪些领域加强合作？", "第3项是什么？", "跨境电商")]
    public void An_ordinal_picks_an_item_of_the_earlier_list_answer(string question, string followUp, string item)
    {
        var first = new FollowUps(Added).Ask(question, null);
        Assert.True(first.Answer.Answered);
        var second = new FollowUps(Added).Ask(followUp, first.Turn);
        Assert.Equal(item, second.Answer.Text);
        var passage = second.Answer.Passages[0];
        Assert.Equal(item, passage.Passage.Text.Substring(passage.AnswerStart!.Value, passage.AnswerLength));
    }

    [Fact]
    public void An_ordinal_past_the_end_of_the_list_says_so_instead_of_guessing()
    {
        var first = new FollowUps(Added).Ask("两地将重点在哪些领域加强合作？", null);
        var ninth = new FollowUps(Added).Ask("第九个呢？", first.Turn);
        Assert.False(ninth.Answer.Answered);
        Assert.Equal(NoAnswerReason.NoSuchItem, ninth.Answer.Reason);
    }

    [Theory]
    [InlineData("两省对俄贸易额2017年是多少？", "那2019年呢？", "1957.10亿元")]
    [InlineData("深哈产业园注册企业有多少家？", "注册资本金呢？", "101.29亿元")]
    public void An_elliptical_question_changes_one_thing_of_the_earlier_one(string question, string followUp, string expected)
    {
        var first = new FollowUps(Seed).Ask(question, null);
        var second = new FollowUps(Seed).Ask(followUp, first.Turn);
        Assert.NotNull(second.Understood);
        Assert.Equal(expected, second.Answer.Text);
    }

    [Fact]
    public void An_elliptical_measure_on_the_added_article_keeps_the_earlier_setting()
    {
        var first = new FollowUps(Added).Ask("滨海江北产业园入驻企业有多少家？", null);
        Assert.Equal("56家", first.Answer.Text);
        var second = new FollowUps(Added).Ask("完成投资呢？", first.Turn);
        Assert.Equal("23.4亿元", second.Answer.Text);
    }

    [Fact]
    public void A_self_contained_question_starts_fresh()
    {
        var first = new FollowUps(Seed).Ask("有多少名干部赴广东学习培训？", null);
        var second = new FollowUps(Seed).Ask("深哈投资开发有限公司的注册资本是多少？", first.Turn);
        Assert.Null(second.Understood);
        Assert.Equal("39.4亿元", second.Answer.Text);
    }

    [Fact]
    public void A_figure_asked_without_a_date_is_the_cumulative_one_and_names_the_one_off_figures()
    {
        var answer = Seed.Ask("两省对口合作的签约额是多少？");
        Assert.Equal("4901亿元", answer.Text);
        Assert.StartsWith("截至目前", answer.Scope);
        var other = Assert.Single(answer.OtherFigures);
        Assert.Equal("1114.79亿元", other.Text);

        var added = Added.Ask("两地合作的签约额是多少？");
        Assert.Equal("812.6亿元", added.Text);
        Assert.StartsWith("截至目前", added.Scope);
        Assert.Contains(added.OtherFigures, f => f.Text == "156.3亿元" && f.Scope.Contains("2023年6月16日", StringComparison.Ordinal));
    }

    [Fact]
    public void A_figure_asked_with_a_date_or_occasion_is_that_one()
    {
        Assert.Equal("1114.79亿元", Seed.Ask("2021年9月12日两省签约额是多少？").Text);
        Assert.Equal("62.5亿元", Added.Ask("今年3月江北省代表团赴滨海考察期间签约项目总投资多少？").Text);
        Assert.Equal("156.3亿元", Added.Ask("2023年6月16日第三批合作项目集中签约的总签约额是多少？").Text);
    }

    [Fact]
    public void Other_figures_are_of_the_same_measure_not_of_the_same_unit_only()
    {
        // 总投资 beside 787.2亿元; 总签约额 and 完成投资 are other measures.
        var answer = Seed.Ask("两省对俄贸易额是多少？");
        Assert.All(answer.OtherFigures, f => Assert.DoesNotContain("签约", f.Passage.Passage.Text.Substring(Math.Max(0, f.Passage.AnswerStart!.Value - 6), 6), StringComparison.Ordinal));
        Assert.Contains(answer.OtherFigures, f => f.Text == "1957.10亿元" && f.Scope == "2019年");
    }

    [Fact]
    public void Relative_dates_are_read_against_the_latest_date_the_page_prints()
    {
        var answer = Seed.Ask("今年5月胡昌升率团赴广东期间有多少个项目签约？");
        Assert.Equal("57个", answer.Text);
        Assert.NotNull(answer.DateBasis);
        Assert.Equal("2021年9月12日", answer.DateBasis.Text);
        Assert.Contains("最晚", answer.DateBasis.How);
        var text = answer.Passages[0].Passage.Text;
        Assert.Contains(answer.Dates, d => text.Substring(d.Start, d.Length) == "今年5月份" && d.Absolute == "2021年5月");
        Assert.Contains(answer.Dates, d => text.Substring(d.Start, d.Length) == "此后" && d.Absolute == "2021年5月以后");

        // 11日至12日 is a day range of the month the page is dated.
        var visit = Seed.ArticlesOnPage(Path.GetFileName(TestPaths.SeedFile)).SelectMany(a => a.Passages).First(p => p.Text.Contains("11日至12日", StringComparison.Ordinal));
        var dates = RelativeDates.Resolve(visit.Text, Seed.DateBasisOf(visit.ArticleId));
        Assert.Contains(dates, d => d.Absolute == "2021年9月11日至12日");
    }

    [Fact]
    public void Relative_dates_are_read_against_the_date_in_the_file_name()
    {
        var article = Added.NewestArticles(10).Single();
        var basis = Added.DateBasisOf(article.Id);
        Assert.NotNull(basis);
        Assert.True(basis.IsPublication);
        Assert.Equal("2023年6月18日", basis.Text);

        var all = string.Join("\n", article.Passages.Select(p => RelativeDates.Annotate(p.Text, basis)));
        Assert.Contains("当天（2023年6月16日）", all);
        Assert.Contains("今年3月份（2023年3月）", all);
        Assert.Contains("此后（2023年3月以后）", all);
        Assert.Contains("截至目前（截至2023年6月18日）", all);
    }

    [Fact]
    public void Without_any_date_nothing_is_resolved()
    {
        Assert.Empty(RelativeDates.Resolve("今年5月份,两省签约项目57个。", null));
    }

    [Theory]
    [InlineData(false, "签约")]
    [InlineData(true, "签约")]
    [InlineData(false, "投资")]
    public void A_bare_word_with_several_figures_is_answered_with_questions_that_each_find_one(bool addedArticle, string word)
    {
        var engine = addedArticle ? Added : Seed;
        var answer = engine.Ask(word);
        Assert.False(answer.Answered);
        Assert.Equal(NoAnswerReason.TooVague, answer.Reason);
        Assert.InRange(answer.Clarifications.Count, 2, QaEngine.MaxClarifications);

        // Every question offered is one the articles answer, each with a figure of its own.
        var figures = answer.Clarifications.Select(q => engine.Ask(q)).ToList();
        Assert.All(figures, a => Assert.True(a.Answered && a.Text!.Any(char.IsDigit), $"{a.Question} → {a.Text}"));
        Assert.Equal(figures.Count, figures.Select(a => a.Text).Distinct().Count());
    }

    [Fact]
    public void A_word_the_articles_give_one_reading_of_is_not_questioned_back()
    {
        Assert.NotEqual(NoAnswerReason.TooVague, Seed.Ask("有多少名干部赴广东学习培训？").Reason);
        Assert.NotEqual(NoAnswerReason.TooVague, Seed.Ask("阳江机组").Reason);
    }

    [Theory]
    [InlineData(false, "两省对俄贸易额2019年比2017年增长了多少？", "715.11亿元", "1957.10亿元 − 1241.99亿元 = 715.11亿元")]
    [InlineData(false, "两省对俄贸易额2017年比2019年减少了多少？", "715.11亿元", "1957.10亿元 − 1241.99亿元 = 715.11亿元")]
    [InlineData(false, "2017年和2019年两省对俄贸易额一共是多少？", "3199.09亿元", "1241.99亿元 + 1957.10亿元 = 3199.09亿元")]
    [InlineData(true, "两地贸易额2022年比2021年增长了多少？", "65.5亿元", "351.9亿元 − 286.4亿元 = 65.5亿元")]
    public void A_difference_or_sum_of_two_dated_figures_is_computed_with_both_quoted(bool addedArticle, string question, string result, string formula)
    {
        var answer = (addedArticle ? Added : Seed).Ask(question);
        Assert.True(answer.Answered, answer.DerivationProblem);
        Assert.Equal(result, answer.Text);
        Assert.NotNull(answer.Derivation);
        Assert.Equal(formula, answer.Derivation.Formula);
        Assert.Equal(2, answer.Derivation.Operands.Count);
        Assert.All(answer.Derivation.Operands, o =>
            Assert.Equal(o.Figure, o.Passage.Passage.Text.Substring(o.Passage.AnswerStart!.Value, o.Passage.AnswerLength)));
    }

    [Theory]
    [InlineData(false, "两省对俄贸易额2020年比2019年增长了多少？", "2020年")]
    [InlineData(true, "两地贸易额2023年比2022年增长了多少？", "2023年")]
    public void A_computation_with_a_figure_the_articles_lack_says_which_instead_of_computing(bool addedArticle, string question, string lacking)
    {
        var answer = (addedArticle ? Added : Seed).Ask(question);
        Assert.False(answer.Answered);
        Assert.Equal(NoAnswerReason.CannotCompute, answer.Reason);
        Assert.Null(answer.Derivation);
        Assert.Contains(lacking, answer.DerivationProblem);
    }

    [Theory]
    [InlineData("1.2亿元", "5000万元", true, "7000万元")]
    [InlineData("286.4亿元", "351.9亿元", false, "638.3亿元")]
    [InlineData("1957.10亿元", "1241.99亿元", true, "715.11亿元")]
    public void Figures_in_one_unit_are_computed_exactly_in_the_smaller_magnitude(string a, string b, bool subtract, string expected) =>
        Assert.Equal(expected, Arithmetic.Compute(a, b, subtract).Result);

    [Fact]
    public void Figures_in_different_units_are_not_computed()
    {
        var (result, why) = Arithmetic.Compute("56家", "23.4亿元", subtract: false);
        Assert.Null(result);
        Assert.Contains("单位不同", why);
    }

    [Theory]
    [InlineData(false, "两次签约一共多少亿？", "1901.99亿元", "1114.79亿元 + 787.2亿元 = 1901.99亿元")]
    [InlineData(true, "两次签约一共多少亿元？", "218.8亿元", "62.5亿元 + 156.3亿元 = 218.8亿元")]
    public void A_sum_over_occasions_the_question_counts_adds_the_one_off_figures_of_those_occasions(bool addedArticle, string question, string total, string formula)
    {
        var answer = (addedArticle ? Added : Seed).Ask(question);
        Assert.True(answer.Answered, answer.DerivationProblem);
        Assert.Equal(total, answer.Text);
        Assert.Equal(formula, answer.Derivation!.Formula);
        Assert.All(answer.Derivation.Operands, o => Assert.False(string.IsNullOrEmpty(o.Asked)));
    }

    [Fact]
    public void A_sum_over_occasions_that_does_not_match_the_figures_found_says_what_it_found_instead_of_adding()
    {
        var answer = Seed.Ask("两批项目合计投资多少？");
        Assert.False(answer.Answered);
        Assert.Equal(NoAnswerReason.CannotCompute, answer.Reason);
        Assert.Contains("日期", answer.DerivationProblem);
        Assert.Contains("787.2亿元", answer.DerivationProblem);
    }

    [SkippableTheory]
    [InlineData("dev.jsonl")]
    [InlineData("colloquial.jsonl")]
    public void Self_contained_questions_asked_in_a_row_are_not_read_as_follow_ups(string set)
    {
        var file = Path.GetFullPath(Path.Combine(TestPaths.Root, "..", "shared", "eval", set));
        Skip.IfNot(File.Exists(file), $"{file} not found");
        var followUps = new FollowUps(Seed);
        PreviousTurn? previous = null;
        var misread = new List<string>();
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            var question = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("question").GetString()!;
            var reading = followUps.Ask(question, previous);
            if (reading.Understood is not null)
            {
                misread.Add($"{question} → {reading.Understood}");
            }

            previous = reading.Turn;
        }

        Assert.Empty(misread);
    }

    [Theory]
    [InlineData("他")]
    [InlineData("这个")]
    [InlineData("呢")]
    [InlineData("😀😀呢")]
    [InlineData("？？？")]
    public void A_reference_with_nothing_asked_is_not_read_with_the_earlier_question(string message)
    {
        var first = new FollowUps(Seed).Ask("有多少名干部赴广东学习培训？", null);
        var reading = new FollowUps(Seed).Ask(message, first.Turn);
        Assert.Null(reading.Understood);
        Assert.False(reading.Answer.Answered);
    }

    [Theory]
    [InlineData("第0个呢")]
    [InlineData("第一百个呢")]
    [InlineData("第99999999999999999999个呢")]
    public void An_ordinal_no_list_can_have_is_said_to_be_missing(string message)
    {
        var first = new FollowUps(Added).Ask("两地将重点在哪些领域加强合作？", null);
        var reading = new FollowUps(Added).Ask(message, first.Turn);
        Assert.Equal(NoAnswerReason.NoSuchItem, reading.Answer.Reason);

        // A failed reading is no context for the next message: the list question still is.
        Assert.Equal("两地将重点在哪些领域加强合作？", reading.Turn.Question);
    }

    [Fact]
    public void A_computation_that_does_not_say_of_what_is_not_done()
    {
        var answer = Seed.Ask("2020年比2019年增长了多少？");
        Assert.False(answer.Answered);
        Assert.Equal(NoAnswerReason.CannotCompute, answer.Reason);
    }
}
