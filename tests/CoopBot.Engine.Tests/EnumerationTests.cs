namespace CoopBot.Engine.Tests;

/// <summary>
/// A list is printed as 甲、乙、丙等… : it ends with the 等, and what follows the 等 says what they
/// are, so a question asking for those (哪些重大战略, 哪几块服务业) gets that enumeration, not another one
/// in the same passage.
/// </summary>
public class EnumerationTests
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
}
