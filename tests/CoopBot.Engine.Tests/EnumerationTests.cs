namespace CoopBot.Engine.Tests;

/// <summary>
/// A list is printed as 甲、乙、丙等… : it ends with the 等, and what follows the 等 says what they
/// are, so a question asking for those (哪些重大战略, 哪几块服务业) gets that enumeration, not another one
/// in the same passage.
/// </summary>
public class EnumerationTests(EngineFixture seed) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("省长说要在哪些重大战略中谋划合作？", "东北振兴、大湾区建设、示范区建设等")]
    [InlineData("两市在哪几块服务业上开展合作？", "银行、证券、保险、跨境运输等")]
    [InlineData("这所学校开设了哪些高等教育专业？", "机械、电气、材料")] // 高等 is a word, not "and so on"
    public void A_list_ends_at_its_etc_and_is_the_one_named_after_it(string question, string answer)
    {
        using var article = new TextEngine(
            "合作纪要",
            "省长表示，要在东北振兴、大湾区建设、示范区建设等重大战略中系统谋划合作，推动甲、乙两个合作区的对接。",
            "两市在银行、证券、保险、跨境运输等服务业领域开展合作，为实体经济提供支撑。",
            "这所学校开设的高等教育专业有机械、电气、材料，招生规模逐年扩大。");

        Assert.Equal(answer, article.AnswerTo(question));
    }

    [Theory]
    // The seed page: …我省引入广东资金、技术、管理理念,建设黑龙江创投孵化基地、…、佳木斯天鸿孵化器等一大批科技企业孵化器…
    [InlineData("我省建了哪些科技企业孵化器？", "黑龙江创投孵化基地、广东黑龙江科技合作双鸭山孵化基地、佳木斯天鸿孵化器等")] // a count after 等, the question's verb before the list
    // …在粮食异地储存、精深加工、绿色食品产业发展方面深度合作… (the passage also lists 金秋粮食交易会、好粮油广东行等10余次…)
    [InlineData("广东跟咱省在粮食上合作了哪几个方面？", "粮食异地储存、精深加工、绿色食品产业发展")] // named by the noun right after its last item
    public void A_list_is_the_one_its_noun_names_past_a_count_or_right_after_it(string question, string answer) =>
        Assert.Equal(answer, seed.Engine.Ask(question).Text);

    [Fact]
    public void The_questions_own_verb_is_not_the_first_item()
    {
        // CMRC 2018 dev's 林双不 question: 出版散文集《山中归路》、… (the list began 出版散文集 before).
        using var article = new TextEngine(
            "林双不",
            "林双不就读辅仁大学哲学系时，出版散文集《山中归路》、《古榕》、《班会之死》，开始受到文坛注意。");
        Assert.Equal("散文集《山中归路》、《古榕》、《班会之死》", article.AnswerTo("林双不就读辅仁大学哲学系时出版了哪些散文集？"));
    }
}
