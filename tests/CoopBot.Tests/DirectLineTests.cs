using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>CoopBot's built-in Direct Line 3.0 endpoint, as botframework-directlinejs calls it.</summary>
[Trait("Category", "Integration")]
public class DirectLineTests(BotAppFactory app) : IClassFixture<BotAppFactory>
{
    private async Task<(HttpClient Client, string ConversationId, string Token)> StartAsync()
    {
        var client = app.CreateClient();
        var session = JObject.Parse(await (await client.PostAsync("/api/directline/token", null)).Content.ReadAsStringAsync());
        var token = (string)session["token"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await client.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversation = JObject.Parse(await started.Content.ReadAsStringAsync());
        Assert.Equal((string?)session["conversationId"], (string?)conversation["conversationId"]);
        return (client, (string)conversation["conversationId"]!, token);
    }

    private static Task<HttpResponseMessage> PostMessage(HttpClient client, string conversationId, string text) =>
        client.PostAsync($"/v3/directline/conversations/{conversationId}/activities", new StringContent(
            new JObject { ["type"] = "message", ["from"] = new JObject { ["id"] = "web-user" }, ["text"] = text }.ToString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Conversation_starts_with_the_welcome_and_answers_a_question_with_watermarks()
    {
        var (client, id, _) = await StartAsync();

        var first = JObject.Parse(await client.GetStringAsync($"/v3/directline/conversations/{id}/activities?watermark="));
        Assert.Contains("我读过 6 篇文章", first["activities"]!.Select(a => (string?)a["text"]).First());
        var watermark = (string)first["watermark"]!;

        var posted = await PostMessage(client, id, SeedFacts.CadresQuestion);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var postedId = (string)JObject.Parse(await posted.Content.ReadAsStringAsync())["id"]!;

        var next = JObject.Parse(await client.GetStringAsync($"/v3/directline/conversations/{id}/activities?watermark={watermark}"));
        var activities = next["activities"]!.Children<JObject>().ToList();
        Assert.Equal(postedId, (string?)activities[0]["id"]);
        Assert.Equal(SeedFacts.CadresQuestion, (string?)activities[0]["text"]);
        var answer = activities.First(a => (string?)a["type"] == "message" && (string?)a["from"]!["id"] == "coopbot");
        Assert.StartsWith("**2546名**", (string?)answer["text"]);
        Assert.Contains("[1]: http://localhost/articles/", (string?)answer["text"]);
        Assert.Equal("directline", (string?)answer["channelId"]);

        var none = JObject.Parse(await client.GetStringAsync($"/v3/directline/conversations/{id}/activities?watermark={next["watermark"]}"));
        Assert.Empty(none["activities"]!);
    }

    [Fact]
    public async Task A_token_opens_only_its_own_conversation()
    {
        var (_, idA, _) = await StartAsync();
        var (clientB, _, _) = await StartAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await clientB.GetAsync($"/v3/directline/conversations/{idA}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostMessage(clientB, idA, "你好")).StatusCode);

        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"/v3/directline/conversations/{idA}/activities")).StatusCode);
    }

    [Fact]
    public async Task Unknown_conversation_is_404()
    {
        var (client, _, _) = await StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v3/directline/conversations/nope/activities")).StatusCode);
    }

    [Fact]
    public async Task Bad_watermark_and_non_json_body_are_400()
    {
        var (client, id, _) = await StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/v3/directline/conversations/{id}/activities?watermark=abc")).StatusCode);
        var response = await client.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent("not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Token_refresh_gives_a_new_token_for_the_same_conversation()
    {
        var (client, id, token) = await StartAsync();
        var refreshed = JObject.Parse(await (await client.PostAsync("/v3/directline/tokens/refresh", null)).Content.ReadAsStringAsync());

        Assert.Equal(id, (string?)refreshed["conversationId"]);
        Assert.NotEqual(token, (string?)refreshed["token"]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)refreshed["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v3/directline/conversations/{id}/activities")).StatusCode);
    }
}
