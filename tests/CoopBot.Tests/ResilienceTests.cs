using CoopBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>The adapter's error handler, and feedback that outlives the process.</summary>
[Trait("Category", "Integration")]
public class ResilienceTests
{
    [Fact]
    public async Task A_failing_turn_is_logged_answered_briefly_and_the_conversation_goes_on()
    {
        using var app = new BotAppFactory();
        var adapter = app.Services.GetRequiredService<AdapterWithErrorHandler>();

        var replies = await adapter.ProcessDirectLineTurnAsync(Message("触发错误"), new ThrowingBot(), CancellationToken.None);

        Assert.Equal("抱歉，处理这个问题时出了错。请再试一次，或换一种问法。", Assert.Single(replies).Text);

        // The same adapter and conversation then answer normally.
        var next = await adapter.ProcessDirectLineTurnAsync(Message(SeedFacts.CadresQuestion), app.Services.GetRequiredService<IBot>(), CancellationToken.None);
        Assert.StartsWith("**2546名**", next.First(r => r.Type == ActivityTypes.Message).Text);
    }

    [Fact]
    public async Task The_log_keeps_earlier_votes_and_questions_across_a_restart()
    {
        using var first = new BotAppFactory { KeepFiles = true };
        var database = first.Database;
        try
        {
            await Vote(first, "like");
            first.Dispose();

            using var second = BotAppFactory.With(new Dictionary<string, string?> { ["CoopBot:Database"] = database });
            await Vote(second, "dislike");

            Assert.Equal(["like", "dislike"], second.Votes().Select(v => v.Reaction));
            Assert.Equal(2, second.LoggedQuestions().Count(q => q.Question == SeedFacts.CadresQuestion && q.Answered && q.Answer == SeedFacts.CadresAnswer));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(first.Dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_feedback_file_of_an_earlier_version_is_imported_once_and_renamed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coopbot-legacy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var legacy = Path.Combine(dir, "feedback.jsonl");
        File.WriteAllText(legacy,
            "{\"time\":\"2026-11-27T08:00:00+00:00\",\"conversationId\":\"c0\",\"reaction\":\"dislike\",\"feedback\":\"数字不对\",\"question\":\"总签约额是多少\",\"answer\":\"4901亿元\",\"passageIds\":[\"p1\"]}\n" +
            "not json\n" +
            "{\"time\":\"2026-11-27T09:00:00+00:00\",\"conversationId\":\"c1\",\"reac");
        try
        {
            var settings = new Dictionary<string, string?> { ["CoopBot:FeedbackFile"] = legacy, ["CoopBot:Database"] = Path.Combine(dir, "coopbot.db") };
            using (var first = BotAppFactory.With(settings))
            {
                var vote = Assert.Single(first.Votes());
                Assert.Equal(("dislike", "数字不对", "4901亿元"), (vote.Reaction, vote.Feedback, vote.Answer));
                Assert.Equal(["p1"], vote.PassageIds);
            }

            Assert.False(File.Exists(legacy));
            Assert.True(File.Exists(legacy + ".imported"));

            // Put back (say, restored from a backup): not imported a second time.
            File.Copy(legacy + ".imported", legacy);
            using var second = BotAppFactory.With(settings);
            Assert.Single(second.Votes());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task Vote(BotAppFactory app, string reaction)
    {
        var answer = (await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion, "msteams", "conv-restart"))).Messages()[0];
        var invoke = Activities.Message("", "msteams", "conv-restart");
        invoke["replyToId"] = answer["id"];
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["value"] = new JObject { ["actionName"] = "feedback", ["actionValue"] = new JObject { ["reaction"] = reaction } };
        using var client = app.CreateClient();
        var response = await client.PostAsync("/api/messages", new StringContent(invoke.ToString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode);
    }

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "directline",
        ServiceUrl = "http://localhost:9/",
        From = new ChannelAccount("user-1"),
        Recipient = new ChannelAccount("coopbot"),
        Conversation = new ConversationAccount(id: "conv-error"),
        Text = text,
    };

    private sealed class ThrowingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("simulated failure");
    }
}
