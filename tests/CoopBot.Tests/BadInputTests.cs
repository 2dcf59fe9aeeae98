using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>Bad input gets the stated behaviour: never a 5xx, never a stack trace.</summary>
[Trait("Category", "Integration")]
public class BadInputTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    private async Task<(HttpStatusCode Status, string Body)> PostRaw(string body, string contentType = "application/json")
    {
        using var client = app.CreateClient();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await client.PostAsync("/api/messages", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        return (response.StatusCode, text);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "not json", "application/json" },
        { "[1,2,3]", "application/json" },
        { "{\"foo\":1}", "application/json" },
        { "{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"text\":\"hi\"}", "application/json" },
        { "{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"text\":\"hi\"}", "application/json" },
        { "{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"conversation\":{\"id\":\"c\"}}", "text/plain" },
        { new string('[', 5000) + new string(']', 5000), "application/json" },
        { "{\"type\":\"message\",\"from\":{\"id\":\"u\"},\"conversation\":{\"id\":\"c\"},\"x\":" + new string('[', 100) + new string(']', 100) + "}", "application/json" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Malformed_request_to_api_messages_is_400(string body, string contentType)
    {
        var (status, text) = await PostRaw(body, contentType);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"error\"", text);
    }

    [Fact]
    public async Task Body_over_256_KB_is_413()
    {
        var activity = Activities.Message(new string('问', 100_000)).ToString();
        Assert.True(Encoding.UTF8.GetByteCount(activity) > 256 * 1024);
        var (status, _) = await PostRaw(activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("messageReaction")]
    [InlineData("typing")]
    [InlineData("somethingNew")]
    public async Task Activity_types_the_bot_does_not_handle_get_200_and_no_reply(string type)
    {
        var activity = Activities.Message(SeedFacts.TotalQuestion);
        activity["type"] = type;
        Assert.Empty(await app.SendAsync(activity));

        // Normal delivery too: 200, nothing sent to the connector (whose URL would not answer).
        activity["deliveryMode"] = "normal";
        var (status, _) = await PostRaw(activity.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Over_long_question_is_refused_politely_without_a_search()
    {
        var replies = await app.SendAsync(Activities.Message(new string('问', 501)));
        var reply = replies.Messages().Single();
        Assert.Contains("请把问题缩短到 500 个字以内", (string?)reply["text"]);
        Assert.DoesNotContain(replies, r => (string?)r["type"] == "typing");
    }

    [Theory]
    [InlineData("AND OR NOT * ? ~ ^ : \\ / [ ] { } ( ) \" + - ! 两省对口合作的总签约额是多少")]
    [InlineData("两省对口合作的总签约额是多少？😀😀")]
    [InlineData("两省\u200B对口合作\u200D的总签约额\u0007是多少？")]
    [InlineData("What is 两省对口合作的总签约额?")]
    public async Task Query_syntax_emoji_invisible_and_mixed_text_are_read_as_plain_text(string question)
    {
        var reply = (await app.SendAsync(Activities.Message(question))).Messages()[0];
        Assert.StartsWith("**4901亿元**", (string?)reply["text"]);
    }

    [Theory]
    [InlineData("？？？！！！")]
    [InlineData("……")]
    [InlineData("😀")]
    public async Task Question_of_only_punctuation_or_emoji_gets_a_sensible_reply(string question)
    {
        var reply = (await app.SendAsync(Activities.Message(question))).Messages().Single();
        Assert.Contains("请换一个具体的问题", (string?)reply["text"]);
    }

    [Fact]
    public async Task Attachment_only_message_is_told_text_questions_only()
    {
        var activity = Activities.Message("");
        activity.Remove("text");
        activity["attachments"] = new JArray(new JObject { ["contentType"] = "image/png", ["contentUrl"] = "http://localhost:9/x.png" });
        var reply = (await app.SendAsync(activity)).Messages().Single();
        Assert.Contains("我只能读文字问题", (string?)reply["text"]);
    }

    [Fact]
    public async Task Html_in_a_question_is_escaped_in_chat_and_json()
    {
        var conversation = "conv-html-" + Guid.NewGuid().ToString("N");
        await app.SendAsync(Activities.Message("<script>alert(1)</script>两省对口合作的总签约额是多少？", conversation: conversation));
        var replies = (await app.SendAsync(Activities.Message("更多", conversation: conversation))).Messages();
        var more = replies[0];
        Assert.All(replies, r => Assert.DoesNotContain("<script>", r.ToString()));
        Assert.Contains("&lt;script&gt;", (string?)more["text"]);

        using var client = app.CreateClient();
        var json = await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString("<script>alert(1)</script>总签约额是多少"));
        Assert.DoesNotContain("<script>", json);
        Assert.Contains("\\u003Cscript\\u003E", json);
    }

    [Theory]
    [InlineData("/articles/unknown")]
    [InlineData("/articles/a0000000000")]
    [InlineData("/articles/..%2F..%2Fseeds")]
    [InlineData("/articles/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/articles/..%5C..%5Cetc%5Cpasswd")]
    public async Task Article_path_tricks_are_404(string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// A NUL in the path never reaches CoopBot: Kestrel rejects the request line itself with 400 and an
    /// empty body (there is no setting to pass it through, so 404 is not possible here). Checked on a
    /// real socket, since the in-memory test host refuses to send such a request at all.
    /// </summary>
    [Theory]
    [InlineData("/articles/%00")]
    [InlineData("/articles/a21f44faf79%00")]
    [InlineData("/articles/%2E%2E")]
    [InlineData("/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    public async Task Nul_and_dot_segments_on_a_real_socket_get_a_4xx_without_a_stack_trace(string target)
    {
        using var bot = new LiveBot();
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, bot.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        var response = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();

        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(target.Contains("%00", StringComparison.Ordinal) ? 400 : 404, status);
        Assert.DoesNotContain("   at ", response);
    }
}
