using CoopBot.Engine.Indexing;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Tests;

/// <summary>
/// Names are answered whole: an organisation or the thing a question asks for (哪个项目) is taken back to
/// where its name begins, and no further (a particle, a verb, a pronoun, a figure); a title is quoted
/// with its marks; "who" gets the name, not the clause it opens.
/// </summary>
public class WholeNameTests
{
    private static readonly QuestionAnalyzer Questions = new(ChineseAnalysis.CreateAnalyzer());
    private static readonly Lucene.Net.Analysis.Analyzer Words = ChineseAnalysis.CreateAnalyzer();

    private static IReadOnlyList<(int Start, int End, string Word)> WordSpans(string text)
    {
        var spans = new List<(int, int, string)>();
        int cursor = 0;
        foreach (var word in ChineseAnalysis.Terms(Words, FieldNames.Words, text))
        {
            int at = text.IndexOf(word, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            spans.Add((at, at + word.Length, word));
            cursor = at + word.Length;
        }

        return spans;
    }

    [Theory]
    [InlineData("两家企业合伙成立的那家公司全称是什么？", "两家企业共同组建注册资本39.4亿元的深哈投资开发有限公司。", "有限公司", "深哈投资开发有限公司")] // a full name holds verbs
    [InlineData("启动仪式是哪个项目的？", "正威哈尔滨新一代材料技术产业园项目启动仪式", "技术产业园项目", "正威哈尔滨新一代材料技术产业园项目")]
    [InlineData("他报考的是哪所学校？", "1995年他陪同学报考北京电影学院，被意外录取。", "电影学院", "北京电影学院")] // the verb and the pronoun stay out
    [InlineData("他有多少个孩子？", "他有3个孩子。", "3个", "3个")] // a count is not a name
    [InlineData("星湖科技搬到肇东以后那家公司叫什么？", "整体搬迁至肇东市,目前,肇东星湖生物科技股份有限公司已经投产", "生物科技股份有限公司", "肇东星湖生物科技股份有限公司")] // 湖 of 星湖科技 is no place the question names
    [InlineData("深哈产业园9月1日奠基开工的是哪个项目？", "9月1日,深哈产业园科创总部项目奠基动工", "科创总部项目", "科创总部项目")] // 园 ends the place the question names
    [InlineData("深哈产业园9月1日奠基开工的是哪个项目？", "9月1日,深哈产业园科创总部项目奠基动工", "园科创总部项目", "科创总部项目")] // a span that opens inside that place starts after it
    [InlineData("香港排名第一的货柜码头营运商是什么？", "香港国际货柜码头有限公司是香港排名第一的货柜码头营运商。", "香港国际货柜码头有限公司", "香港国际货柜码头有限公司")] // a whole name the question gives stays (CMRC 2018 dev)
    [InlineData("代表团在哈工大参观的是哪个国家重点实验室？", "先后前往哈尔滨工业大学机器人技术与系统国家重点实验室考察。", "系统国家重点实验室", "哈尔滨工业大学机器人技术与系统国家重点实验室")] // 与 joins two modifiers of one name
    [InlineData("岑朗天在香港中文大学哪个学院教授课程？", "岑朗天在香港中文大学新闻与传播学院教授课程。", "传播学院", "新闻与传播学院")] // CMRC 2018 dev
    [InlineData("清华大学与哪个研究所合作？", "清华大学与中国科学院物理研究所合作开展研究。", "物理研究所", "中国科学院物理研究所")] // two names: 大学 ends one
    [InlineData("跨站式车站类似于哪一种车站？", "跨站式车站与高架车站类似。", "高架车站", "高架车站")] // 与 joins two of the kind asked (DRCD)
    public void A_name_is_taken_back_to_where_it_begins(string question, string passage, string span, string whole) =>
        Assert.Equal(whole, Widened(WholePhrase.WithName, question, passage, span));

    [Theory]
    [InlineData("代表团先后去了哪里？", "代表团先后前往广州(南沙)科技园、广州塔参观。", "南沙", "广州(南沙)科技园")] // a bracket inside a name
    [InlineData("他在哪里工作？", "他在上海（浦东）软件园工作多年。", "浦东", "上海（浦东）软件园")]
    [InlineData("车站由什么公司经营？", "该站由北方铁道（北铁）的车务段经营。", "北铁", "北铁")] // an aside after a name: 的 is no word of it
    [InlineData("代表团先后去了哪里？", "代表团先后前往广州(南沙)科技园、广州塔参观。", "广州(南沙)", "广州(南沙)科技园")] // a span that stops at its close
    [InlineData("车站由什么公司经营？", "该站由北方铁道（北铁）的车务段经营。", "北方铁道(北铁)", "北方铁道（北铁）")] // an aside's close: 的 follows
    [InlineData("他来自哪里？", "他来自南京(江苏)。", "江苏", "江苏")] // nothing after the bracket
    [InlineData("这座城市有多少人？", "这座城市有人口(约)300万。", "约", "约")] // not for a figure
    public void A_bracket_printed_inside_a_name_is_answered_with_the_name(string question, string passage, string span, string whole) =>
        Assert.Equal(whole, Widened(WholePhrase.OutOfInfixBracket, question, passage, span));

    [Theory]
    // CMRC 2018 dev and DRCD test sentences: the ranker's span ran on into the clause's verb.
    [InlineData("墨索里尼的故乡是哪里？", "他死后在普雷达皮奥下葬。", "普雷达皮奥下葬", "普雷达皮奥")]
    [InlineData("廈門大學馬來西亞校區坐落於哪個城市？", "厦门大学马来西亚分校在吉隆坡奠基。", "吉隆坡奠基", "吉隆坡")]
    [InlineData("该院的现任院长是谁？", "现任院长为邓成明教授。", "邓成明教授", "邓成明")]
    [InlineData("三师七证中的三师指的是什么？", "要求有三师七证主持。", "三师七证主持", "三师七证主持")] // not a name asked
    public void A_name_does_not_end_on_the_verb_of_its_clause(string question, string passage, string span, string whole) =>
        Assert.Equal(whole, Widened(WholePhrase.WithoutTrailingVerb, question, passage, span));

    [Theory]
    // DRCD test sentences: a leading pointing word or time preposition is no part of the answer.
    [InlineData("重力收缩是什么东西的主要能量来源？", "这些主序前星的主要能量来源是重力收缩。", "这些主序前星", "主序前星")]
    [InlineData("史特拉斯堡成为总主教的驻地是于几世纪开始？", "史特拉斯堡自从4世纪就是总主教的驻地。", "自从4世纪", "4世纪")]
    [InlineData("苏铁和蕨类在什么事件发生之前都还是优势植物？", "苏铁和蕨类直到白垩纪末灭绝事件都还是优势植物。", "直到白垩纪末灭绝事件", "白垩纪末灭绝事件")]
    public void A_leading_pointing_word_or_time_preposition_is_cut(string question, string passage, string span, string whole) =>
        Assert.Equal(whole, Widened(Echoes.Trim, question, passage, span));

    [Theory]
    // CMRC 2018 dev sentences: the noun asked (的字, 的号) opens the ranker's span.
    [InlineData("王处直的字是什么？", "王处直，字允明，京兆万年人。", "字允明", "允明")]
    [InlineData("曹文埴的字是什么？", "曹文埴，字近薇，号竹虚。", "字近薇", "近薇")]
    [InlineData("永明之治指南齐在谁在位时出现的治世？", "永明之治是南齐齐武帝萧赜在位时的治世。", "齐武帝萧赜", "齐武帝萧赜")] // no 的 before 齐: the end of a name
    public void A_one_character_noun_asked_after_de_is_cut_from_the_spans_start(string question, string passage, string span, string whole) =>
        Assert.Equal(whole, Widened(Echoes.Trim, question, passage, span));

    [Theory]
    // CMRC 2018 dev and DRCD test sentences: the one-character word before the question word opens the ranker's span.
    [InlineData("法郎的正面四角都有什么？", "正面四角有阿拉伯数字面值。", "有阿拉伯数字面值", "阿拉伯数字面值")]
    [InlineData("前肛鳗以什么为食？", "以小型鱼类、甲壳类及软体动物为食。", "以小型鱼类、甲壳类及软体动物", "小型鱼类、甲壳类及软体动物")]
    [InlineData("托木斯克州的首府為哪一個城市?", "托木斯克州的首府為托木斯克。", "为托木斯克", "托木斯克")] // the span as folded
    [InlineData("一组气体离心机单元组成有哪些？", "一组气体离心机单元组成有：筒状旋转槽，套管。", "有:筒状旋转槽", "筒状旋转槽")] // nor the colon
    [InlineData("三氯化氮对哪些物质比较敏感？", "三氯化氮对光、热和有机化合物都非常敏感。", "对光、热和有机化合物", "光、热和有机化合物")] // the question's preposition
    [InlineData("宝山镇的主要山脉是什么？", "宝山镇的主要山脉有宝石山、老虎岭。", "有宝石山、老虎岭", "有宝石山、老虎岭")] // the question says 是, not 有
    public void The_word_before_the_question_word_is_cut_from_the_spans_start(string question, string passage, string span, string whole) =>
        Assert.Equal(whole, Widened(Echoes.Trim, question, passage, span));

    private delegate (int Start, int Length) Widening(QuestionAnalysis question, string text, int start, int length, Func<string, IReadOnlyList<(int Start, int End, string Word)>> wordSpans);

    /// <summary>What <paramref name="widen"/> makes of <paramref name="span"/> in the passage, as printed.</summary>
    private static string Widened(Widening widen, string question, string passage, string span)
    {
        var folded = Text.TextNormalizer.FoldPreservingOffsets(passage);
        int start = folded.IndexOf(span, StringComparison.Ordinal);
        var (s, length) = widen(Questions.Analyze(question), folded, start, span.Length, WordSpans);
        return passage.Substring(s, length);
    }

    [Theory]
    [InlineData("签署了《共建深圳(哈尔滨)产业园区合作协议》。", "产业园区合作协议", "《共建深圳(哈尔滨)产业园区合作协议》")]
    [InlineData("主题曲是「来自一个未知宇宙的讯息」。", "讯息", "「来自一个未知宇宙的讯息」")]
    [InlineData("《甲》与《乙》两部作品", "乙", "《乙》")] // not across another title
    [InlineData("签署了合作协议》", "合作协议", "合作协议")] // no opening mark: nothing to take in
    [InlineData("两市签订了《共建深圳(哈尔滨)产业园区合作协议》,9月1日", "共建深圳(哈尔滨)", "《共建深圳(哈尔滨)产业园区合作协议》")] // its start
    [InlineData("上表说廖立「诽谤先帝，疪毁群臣」。", "诽谤先帝", "「诽谤先帝，疪毁群臣」")]
    [InlineData("「五胡」指的是「匈奴、羯、鲜卑、氐、羌」五个民族", "匈奴", "匈奴")] // the first item of a list in the marks
    public void The_end_or_start_of_a_title_is_the_whole_title(string text, string span, string whole)
    {
        int start = text.IndexOf(span, StringComparison.Ordinal);
        var (s, e) = WholePhrase.WithTitle(text, start, start + span.Length);
        Assert.Equal(whole, text[s..e]);
    }

    [Theory]
    [InlineData("要形成“东西互济,南北联动,陆海统筹,内外兼顾”的开放格局。", "陆海统筹,内外兼顾”的开放", "“东西互济,南北联动,陆海统筹,内外兼顾”的开放")]
    [InlineData("书名为《共建深圳(哈尔滨)产业园区合作协议》全文。", "哈尔滨)产业园区合作协议》全文", "《共建深圳(哈尔滨)产业园区合作协议》全文")]
    public void A_quotation_or_title_the_span_closes_is_taken_in_whole_however_long(string text, string span, string whole)
    {
        int start = text.IndexOf(span, StringComparison.Ordinal);
        var (s, e) = AnswerExtractor.BalanceBrackets(text, start, start + span.Length);
        Assert.Equal(whole, text[s..e]);
    }

    [Theory]
    [InlineData("省长是谁？", "马兴瑞")]
    public void Who_is_answered_with_the_name(string question, string name)
    {
        using var article = new TextEngine(
            "纪要",
            "广东省省长马兴瑞先后两次带队赴我省，与省委省政府主要领导研究推进合作工作。",
            "2017年12月17日，省委书记张明率党政代表团赴广东，召开两省第一次对口合作座谈会。");

        Assert.Equal(name, article.AnswerTo(question));
    }
}
