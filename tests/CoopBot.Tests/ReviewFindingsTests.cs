using System.Diagnostics;
using System.Net;
using CoopBot.Core;
using CoopBot.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoopBot.Tests;

/// <summary>Defects found by the review of issue 11, each shown by a test that failed before its fix.</summary>
[Trait("Category", "Integration")]
public class ReviewFindingsTests
{
    // Defect 1: an exception other than the few caught ones while the index loaded faulted the load
    // task unobserved; every turn then waited for ever and /healthz said "starting" for ever.
    [Fact]
    public async Task An_unexpected_load_failure_releases_every_waiting_turn_and_stops_the_host()
    {
        // The review's example: SmartCn's internals reached by reflection throw AmbiguousMatchException.
        var lifetime = new TestLifetime();
        var options = Microsoft.Extensions.Options.Options.Create(new CoopBotOptions { Seeds = Path.Combine(Repo.Root, "seeds") });
        using var holder = new EngineHolder(
            options,
            new ThrowingOpener(new System.Reflection.AmbiguousMatchException("Ambiguous match found for 'GetInstance'.")),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EngineHolder>.Instance,
            lifetime);
        await holder.StartAsync(CancellationToken.None);
        var waiting = holder.GetAsync(CancellationToken.None);
        lifetime.Started();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<System.Reflection.AmbiguousMatchException>(() => waiting.WaitAsync(timeout.Token));
        Assert.Equal("AmbiguousMatchException: Ambiguous match found for 'GetInstance'.", holder.Error);
        Assert.False(holder.IsReady);
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested, "the host was not stopped");
    }

    [Fact]
    public async Task The_program_exits_non_zero_with_one_line_when_the_index_cannot_be_opened()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "not-a-folder");
        File.WriteAllText(file, "x");
        var (code, lines) = await ChildProcess.RunProgramAsync(
            TimeSpan.FromSeconds(60),
            "--urls", "http://127.0.0.1:0", "--CoopBot:Seeds=" + Path.Combine(Repo.Root, "seeds"), "--CoopBot:Index=" + Path.Combine(file, "index"));

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("CoopBot cannot start: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line);
    }

    [Fact]
    public async Task A_failed_reindex_keeps_the_index_in_use_and_logs_an_error()
    {
        using var dir = new TempFolder();
        var seeds = Directory.CreateDirectory(Path.Combine(dir.Path, "seeds")).FullName;
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Root, "seeds")))
        {
            File.Copy(f, Path.Combine(seeds, Path.GetFileName(f)));
        }

        var opener = new FailingWhenAsked();
        var captured = new CapturedLogs();
        // The factory WithWebHostBuilder derives from is disposed on its own (disposing the derived one
        // does not reach it, and its temp folder stayed behind).
        using var factory = BotAppFactory.With(new() { ["CoopBot:Seeds"] = seeds });
        using var app = factory.WithWebHostBuilder(b => b
            .ConfigureServices(s => s.AddSingleton<IEngineOpener>(opener))
            .ConfigureLogging(l => l.AddProvider(captured)));
        var holder = app.Services.GetRequiredService<EngineHolder>();
        var before = await holder.GetAsync(CancellationToken.None);

        // The start's own catch-up update must not be the one that meets the new file.
        await holder.CatchUpAsync(CancellationToken.None);
        before = await holder.GetAsync(CancellationToken.None);

        opener.Fail = true;
        File.WriteAllText(Path.Combine(seeds, "extra.txt"), "哈尔滨冰雪大世界\n\n哈尔滨冰雪大世界的门票为每人330元。\n");
        await holder.ReloadIfChangedAsync();

        Assert.Same(before, await holder.GetAsync(CancellationToken.None));
        Assert.Equal(SeedFacts.CadresAnswer, before.Ask(SeedFacts.CadresQuestion).Text);
        Assert.Contains(captured.Lines, l => l.Level == LogLevel.Error && l.Text.StartsWith("Updating the index", StringComparison.Ordinal) && l.Text.Contains("NullReferenceException"));
    }

    // Newcomer friction: what a new user meets first.
    [Fact]
    public async Task Api_ask_errors_are_in_Chinese_with_English_beside()
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();

        foreach (var url in new[] { "/api/ask", "/api/ask?q=" + Uri.EscapeDataString(new string('问', 501)) })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}{2}", json.GetProperty("error").GetString());
            Assert.Matches("^[\\x20-\\x7E]*[A-Za-z]", json.GetProperty("errorEn").GetString());
        }
    }

    [Fact]
    public async Task A_favicon_is_served_and_linked()
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();
        var icon = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, (await icon.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Contains("href=\"/favicon.ico\"", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_article_page_footer_names_the_article_and_its_place_on_the_page_not_the_file()
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();
        var answer = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.TotalQuestion))).RootElement;
        var url = answer.GetProperty("passages")[0].GetProperty("url").GetString()!;
        var page = await client.GetStringAsync(url);

        var footer = page[page.IndexOf("<footer", StringComparison.Ordinal)..];
        Assert.Contains("《500个项目近5000亿签约额 达目标》", footer);
        Assert.Contains($"为该版 {SeedFacts.Articles} 篇文章中的第 1 篇", footer);
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "seeds")))
        {
            Assert.DoesNotContain(Path.GetFileNameWithoutExtension(file), page);
        }
    }

    [Fact]
    public async Task The_log_has_one_line_per_question_and_no_Bot_Framework_lines_per_activity()
    {
        var captured = new CapturedLogs();
        var logs = captured.Lines;

        // The shipped appsettings.json levels, not the tests' quieter default.
        using var factory = BotAppFactory.With(new() { ["Logging:LogLevel:Default"] = "Information" });
        using var app = factory.WithWebHostBuilder(b => b
            .ConfigureLogging(l => l.AddProvider(captured)));
        await app.Services.GetRequiredService<EngineHolder>().GetAsync(CancellationToken.None);
        logs.Clear();

        var replies = await SendAsync(app, Activities.Message(SeedFacts.CadresQuestion));
        Assert.Contains(replies, r => ((string?)r["text"] ?? "").Contains(SeedFacts.CadresAnswer, StringComparison.Ordinal));

        var lines = logs.Where(l => l.Level is LogLevel.Information or LogLevel.Warning).ToList();
        var question = Assert.Single(lines).Text;
        Assert.Contains(SeedFacts.CadresQuestion, question);
        Assert.Contains(SeedFacts.CadresAnswer, question);
        Assert.DoesNotContain(logs, l => l.Text.Contains("ProcessActivityAsync", StringComparison.Ordinal) || l.Text.Contains("Sending activity", StringComparison.Ordinal));
    }

    private static async Task<List<Newtonsoft.Json.Linq.JObject>> SendAsync(WebApplicationFactory<Program> app, Newtonsoft.Json.Linq.JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var client = app.CreateClient();
        var response = await client.PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return Newtonsoft.Json.Linq.JObject.Parse(body)["activities"]!.Children<Newtonsoft.Json.Linq.JObject>().ToList();
    }

    private sealed class ThrowingOpener(Exception e) : IEngineOpener
    {
        public CoopBot.Engine.Answering.QaEngine Open(CoopBotOptions options, ILogger logger) => throw e;
    }

    private sealed class FailingWhenAsked : IEngineOpener
    {
        public volatile bool Fail;

        public CoopBot.Engine.Answering.QaEngine Open(CoopBotOptions options, ILogger logger) =>
            Fail ? throw new NullReferenceException("a bug") : new IndexEngineOpener().Open(options, logger);

        public CoopBot.Engine.Answering.QaEngine? Refresh(CoopBot.Engine.Answering.QaEngine current, CoopBotOptions options, ILogger logger, IReadOnlyCollection<string>? changed) =>
            Fail ? throw new NullReferenceException("a bug") : current.Refresh(changed);
    }
}

/// <summary>A fresh folder under the temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coopbot-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
