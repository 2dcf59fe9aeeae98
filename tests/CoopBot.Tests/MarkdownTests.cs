using CoopBot.Rendering;

namespace CoopBot.Tests;

/// <summary>Bold next to Chinese punctuation stays valid CommonMark (the trap in chat-clients.md).</summary>
[Trait("Category", "Unit")]
public class MarkdownTests
{
    [Theory]
    // Plain figures between Chinese characters: bold as is.
    [InlineData("我省已派出", SeedFacts.CadresAnswer, "干部", "我省已派出**2546名**干部")]
    // Closing ** after punctuation followed by a Chinese character would not close: % moves out.
    [InlineData("占总项目数", "75.1%", "计划", "占总项目数**75.1**%计划")]
    // …but stays in when punctuation follows, which CommonMark allows.
    [InlineData("占总项目数", "75.1%", ",计划", "占总项目数**75.1%**,计划")]
    // Opening ** before 《 after a Chinese character would not open: 《 moves out; 》 may stay in
    // because punctuation follows it.
    [InlineData("两市签订了", "《共建协议》", ",9月1日", "两市签订了《**共建协议》**,9月1日")]
    [InlineData("两市签订了", "《共建协议》", "后", "两市签订了《**共建协议**》后")]
    // Markdown syntax inside the text is escaped, not interpreted.
    [InlineData("a*b", "[x]", "_c_", "a\\*b\\[**x\\]**\\_c\\_")]
    public void Bold_span_keeps_punctuation_where_CommonMark_can_open_and_close_it(string before, string span, string after, string expected) =>
        Assert.Equal(expected, Markdown.BoldInContext(before, span, after));

    [Fact]
    public void Html_in_text_is_escaped()
    {
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;", Markdown.Escape("<script>alert(1)</script>"));
    }
}
