using System.Net;
using System.Text.Json;

namespace CoopBot.Tests;

/// <summary>Article pages, /api/ask and /healthz.</summary>
[Trait("Category", "Integration")]
public class PagesAndApiTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task Api_ask_returns_the_same_json_as_ask_jsonl()
    {
        using var client = app.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.TotalQuestion))).RootElement;

        Assert.Equal(SeedFacts.TotalQuestion, json.GetProperty("question").GetString());
        Assert.True(json.GetProperty("answered").GetBoolean());
        Assert.Equal(SeedFacts.TotalAnswer, json.GetProperty("answer").GetString());
        var first = json.GetProperty("passages")[0];
        Assert.Contains("达到4901亿元", first.GetProperty("text").GetString());
        Assert.Matches("^/articles/a[0-9a-f]{10}#p[0-9a-f]{12}$", first.GetProperty("url").GetString());
        Assert.Equal(["id", "article", "text", "url", "score", "published"], first.EnumerateObject().Select(p => p.Name));

        // The seed's file name holds no date and its page prints no dateline: unknown, not guessed.
        Assert.Equal(JsonValueKind.Null, first.GetProperty("published").ValueKind);
    }

    [Theory]
    [InlineData("/api/ask")]
    [InlineData("/api/ask?q=")]
    [InlineData("/api/ask?q=%20%20")]
    public async Task Api_ask_without_a_question_is_400_with_a_json_error(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Api_ask_with_an_over_long_question_is_400()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/api/ask?q=" + new string('问', 501));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_is_200_once_the_index_is_loaded()
    {
        using var client = app.CreateClient();
        await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.CadresQuestion));
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Article_page_shows_title_byline_paragraphs_with_anchors_and_marks_the_linked_answer()
    {
        using var client = app.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.CadresQuestion))).RootElement;
        var url = json.GetProperty("passages")[0].GetProperty("url").GetString()!;
        var (path, anchor) = (url.Split('#')[0], url.Split('#')[1]);

        var html = await client.GetStringAsync($"{path}?p={anchor}&a={Uri.EscapeDataString(SeedFacts.CadresAnswer)}");

        Assert.Contains("<h1>2546名龙江干部赴粤学习 取真经</h1>", html);
        Assert.Matches("<p id=\"p[0-9a-f]{12}\" class=\"byline\">黑龙江日报全媒体记者 黄春英</p>", html);
        Assert.Contains($"<p id=\"{anchor}\" class=\"passage highlight\">截至2020年,我省已派出<mark>2546名</mark>干部赴广东", html);
        Assert.Equal(5, html.Split("class=\"passage").Length - 1);
        Assert.Contains("<meta name=\"viewport\"", html);
    }

    [Fact]
    public async Task Who_wrote_an_article_is_answered_from_its_byline_and_the_link_marks_the_names_in_it()
    {
        using var client = app.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString("讲2546名干部赴粤学习那篇稿子是哪个记者写的？"))).RootElement;
        Assert.True(json.GetProperty("answered").GetBoolean());
        Assert.Equal("黄春英", json.GetProperty("answer").GetString());
        var first = json.GetProperty("passages")[0];
        Assert.Equal("黑龙江日报全媒体记者 黄春英", first.GetProperty("text").GetString());
        var url = first.GetProperty("url").GetString()!;
        var (path, anchor) = (url.Split('#')[0], url.Split('#')[1]);

        var html = await client.GetStringAsync($"{path}?p={anchor}&a={Uri.EscapeDataString("黄春英")}");

        Assert.Contains("<h1>2546名龙江干部赴粤学习 取真经</h1>", html);
        Assert.Contains($"<p id=\"{anchor}\" class=\"byline highlight\">黑龙江日报全媒体记者 <mark>黄春英</mark></p>", html);
    }

    [Fact]
    public async Task Article_page_escapes_html_in_what_it_shows_back()
    {
        using var client = app.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.CadresQuestion))).RootElement;
        var path = json.GetProperty("passages")[0].GetProperty("url").GetString()!.Split('#')[0];

        var html = await client.GetStringAsync(path + "?p=%3Cscript%3E&a=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task Home_page_is_the_web_chat_with_a_locally_served_bundle()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/");
        Assert.Contains("<script src=\"/lib/webchat/webchat.js\"></script>", html);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        var bundle = await client.GetAsync("/lib/webchat/webchat.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000);
    }
}
