using System.Text;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>The feedback file after a crash in mid-write: each record whole or absent.</summary>
[Trait("Category", "Integration")]
public class FeedbackCrashTests
{
    [Fact]
    public async Task A_record_torn_by_a_crash_is_removed_and_later_records_are_whole()
    {
        using var app = new BotAppFactory();
        var whole = "{\"time\":\"2026-11-27T00:00:00+00:00\",\"conversationId\":\"c0\",\"reaction\":\"like\",\"feedback\":null,\"question\":\"q\",\"answer\":\"a\",\"passageIds\":[]}\n";
        var torn = "{\"time\":\"2026-11-27T00:00:01+00:00\",\"conversationId\":\"c1\",\"reac";
        Directory.CreateDirectory(Path.GetDirectoryName(app.FeedbackFile)!);
        File.WriteAllText(app.FeedbackFile, whole + torn, new UTF8Encoding(false));

        var answer = (await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "msteams", "conv-after-crash"))).Messages()[0];
        var invoke = Activities.Message("", "msteams", "conv-after-crash");
        invoke["replyToId"] = answer["id"];
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["value"] = new JObject { ["actionName"] = "feedback", ["actionValue"] = new JObject { ["reaction"] = "dislike" } };
        using var client = app.CreateClient();
        Assert.True((await client.PostAsync("/api/messages", new StringContent(invoke.ToString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);

        var lines = File.ReadAllLines(app.FeedbackFile);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => JObject.Parse(l));
        Assert.Equal("c0", (string?)JObject.Parse(lines[0])["conversationId"]);
        Assert.Equal("dislike", (string?)JObject.Parse(lines[1])["reaction"]);
        Assert.EndsWith("\n", File.ReadAllText(app.FeedbackFile));
    }
}
