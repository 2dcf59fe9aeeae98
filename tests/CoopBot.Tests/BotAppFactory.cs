using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>CoopBot on the real seed, with its index and feedback file in a private temp folder.</summary>
public class BotAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public BotAppFactory()
    {
        Dir = Path.Combine(Path.GetTempPath(), "coopbot-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        _settings = new Dictionary<string, string?>
        {
            ["CoopBot:Seeds"] = Path.Combine(Repo.Root, "seeds"),
            ["CoopBot:Index"] = Path.Combine(Dir, "index"),
            ["CoopBot:FeedbackFile"] = Path.Combine(Dir, "feedback.jsonl"),
            ["CoopBot:Database"] = Path.Combine(Dir, "coopbot.db"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }

    /// <summary>A factory with extra settings (xunit fixtures need a single constructor, hence not an overload).</summary>
    public static BotAppFactory With(Dictionary<string, string?> settings)
    {
        var app = new BotAppFactory();
        foreach (var (k, v) in settings)
        {
            app._settings[k] = v;
        }

        return app;
    }

    public string Dir { get; }

    public string FeedbackFile => _settings["CoopBot:FeedbackFile"]!;

    public string Database => _settings["CoopBot:Database"]!;

    /// <summary>The votes in the running bot's log, oldest first.</summary>
    public IReadOnlyList<CoopBot.Editorial.VoteRow> Votes() =>
        Services.GetRequiredService<CoopBot.Admin.EditorialLog>().Store!.Votes(CoopBot.Editorial.LogFilter.All, null, 1, 10_000).Rows.Reverse().ToList();

    /// <summary>Whether the log's files (the database and its write-ahead log) hold <paramref name="text"/> anywhere, as UTF-8.</summary>
    public bool DatabaseFilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { Database, Database + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The questions in the running bot's log, oldest first (after what is queued is written).</summary>
    public IReadOnlyList<CoopBot.Editorial.QuestionRow> LoggedQuestions()
    {
        var store = Services.GetRequiredService<CoopBot.Admin.EditorialLog>().Store!;
        store.FlushAsync().GetAwaiter().GetResult();
        return store.Questions(CoopBot.Editorial.LogFilter.All, 1, 10_000).Rows.Reverse().ToList();
    }

    /// <summary>Keeps the temp folder after dispose (for restart tests that reuse its files).</summary>
    public bool KeepFiles { get; set; }

    /// <summary>Posts an activity to /api/messages with expectReplies and returns the replies.</summary>
    public async Task<List<JObject>> SendAsync(JObject activity)
    {
        activity["deliveryMode"] ??= "expectReplies";
        using var client = CreateClient();
        var response = await client.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JObject.Parse(body)["activities"]!.Children<JObject>().ToList();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepFiles)
        {
            return;
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Repo
{
    public static string Root { get; } = CoopBot.Core.RepositoryPaths.Root;
}

/// <summary>Activities as channels send them.</summary>
internal static class Activities
{
    public static JObject Message(string text, string channel = "directline", string conversation = "conv-1") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channel,
        ["serviceUrl"] = "http://localhost:9/",
        ["from"] = new JObject { ["id"] = "user-1", ["name"] = "用户" },
        ["recipient"] = new JObject { ["id"] = "coopbot", ["name"] = "CoopBot" },
        ["conversation"] = new JObject { ["id"] = conversation },
        ["text"] = text,
    };

    public static JObject MembersAdded(string channel = "directline") => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = channel,
        ["serviceUrl"] = "http://localhost:9/",
        ["from"] = new JObject { ["id"] = "user-1" },
        ["recipient"] = new JObject { ["id"] = "coopbot" },
        ["conversation"] = new JObject { ["id"] = "conv-welcome" },
        ["membersAdded"] = new JArray(new JObject { ["id"] = "coopbot" }, new JObject { ["id"] = "user-1" }),
    };

    public static List<JObject> Messages(this List<JObject> replies) => replies.Where(r => (string?)r["type"] == "message").ToList();
}
