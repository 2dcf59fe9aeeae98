using System.Diagnostics;
using CoopBot.Editorial;
using Microsoft.Data.Sqlite;

namespace CoopBot.Tests;

/// <summary>The editors' log store on its own: schema, queries, retention, grouping, and a kill -9 in mid-write.</summary>
public sealed class EditorialStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "coopbot-store-tests", Guid.NewGuid().ToString("N"));

    public EditorialStoreTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "log.db");

    private static LoggedQuestion Question(DateTimeOffset time, string text, bool answered, string channel = "directline") =>
        new(time, channel, "conv-1", text, answered, answered ? "2546名" : null, answered ? null : "NotInArticles", ["p69499afac3d0"], 5.5, answered ? 3.2 : -1.8, null);

    [Fact]
    public async Task Questions_are_counted_per_day_in_the_console_time_zone_and_filtered_by_channel_text_and_outcome()
    {
        using var store = EditorialStore.Open(new EditorialStoreOptions(Db) { DayOffset = TimeSpan.FromHours(8) });
        // 2026-11-27 23:30 in Beijing is 15:30 UTC; 2026-11-28 00:30 in Beijing is 16:30 UTC the day before.
        store.Record(Question(new DateTimeOffset(2026, 11, 27, 15, 30, 0, TimeSpan.Zero), "有多少名干部赴广东学习培训？", true));
        store.Record(Question(new DateTimeOffset(2026, 11, 27, 16, 30, 0, TimeSpan.Zero), "咱们省一共送了多少干部去广东进修？", false));
        store.Record(Question(new DateTimeOffset(2026, 11, 27, 16, 40, 0, TimeSpan.Zero), "咱们省一共送了多少干部去广东进修", false, "msteams"));
        await store.FlushAsync();

        var days = store.Daily(LogFilter.All);
        Assert.Equal([new DayCount(new DateOnly(2026, 11, 27), 1, 0), new DayCount(new DateOnly(2026, 11, 28), 0, 2)], days);
        Assert.Equal(2, store.Totals(new LogFilter(From: new DateOnly(2026, 11, 28))).Refused);
        Assert.Equal(1, store.Totals(new LogFilter(Channel: "msteams")).Questions);
        Assert.Equal(2, store.Totals(new LogFilter(Text: "进修")).Questions);
        Assert.Equal(1, store.Totals(new LogFilter(Outcome: true)).Questions);

        // The same wording up to punctuation is one question asked twice; its latest wording is shown.
        var top = store.Frequent(LogFilter.All, 10);
        Assert.Equal(("咱们省一共送了多少干部去广东进修", 2L, 0L), (top[0].Question, top[0].Count, top[0].Answered));
        Assert.Equal(["directline", "msteams"], store.Channels());
    }

    [Fact]
    public async Task Retention_deletes_questions_and_votes_older_than_the_days_configured_and_nothing_newer()
    {
        using var store = EditorialStore.Open(new EditorialStoreOptions(Db) { RetentionDays = 30 });
        var now = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        store.Record(Question(now.AddDays(-31), "旧问题", true));
        store.Record(Question(now.AddDays(-29), "新问题", true));
        await store.RecordAsync(new LoggedVote(now.AddDays(-40), "msteams", "c", "dislike", "旧", "旧问题", null, []));
        await store.RecordAsync(new LoggedVote(now.AddDays(-1), "msteams", "c", "like", null, "新问题", "2546名", []));

        Assert.Equal(2, await store.PurgeAsync(now));

        Assert.Equal(["新问题"], store.Questions(LogFilter.All, 1, 10).Rows.Select(r => r.Question));
        Assert.Equal(["like"], store.Votes(LogFilter.All, null, 1, 10).Rows.Select(r => r.Reaction));
    }

    [Fact]
    public void The_schema_is_versioned_and_a_database_from_a_newer_version_is_refused_with_a_clear_message()
    {
        using (var store = EditorialStore.Open(new EditorialStoreOptions(Db)))
        {
        }

        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version";
            Assert.Equal((long)EditorialStore.SchemaVersion, (long)cmd.ExecuteScalar()!);
            cmd.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string)cmd.ExecuteScalar()!);
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidDataException>(() => EditorialStore.Open(new EditorialStoreOptions(Db)));
        Assert.Contains("schema version 99", e.Message);
    }

    [Fact]
    public void Refused_questions_in_other_words_about_the_same_thing_are_grouped_and_unrelated_ones_are_not()
    {
        var t = DateTimeOffset.UtcNow;
        var groups = QuestionGroups.Group(
        [
            new FrequentQuestion("咱们省一共送了多少干部去广东进修？", 3, 0, t),
            new FrequentQuestion("咱省送了多少干部去广东进修", 1, 0, t),
            new FrequentQuestion("深哈产业园的总经理是谁？", 2, 0, t),
            new FrequentQuestion("深哈产业园总经理叫什么", 1, 0, t),
            new FrequentQuestion("华为鲲鹏在深哈产业园投了多少钱？", 1, 0, t),
        ]);

        Assert.Equal(3, groups.Count);
        Assert.Equal(("咱们省一共送了多少干部去广东进修？", 4L), (groups[0].Representative.Question, groups[0].Count));
        Assert.Equal(["深哈产业园的总经理是谁？", "深哈产业园总经理叫什么"], groups[1].Members.Select(m => m.Question));
        Assert.Single(groups[2].Members);
    }

    /// <summary>
    /// The bot's own process, logging questions asked from four clients at once, killed with SIGKILL in
    /// mid-stream: the database opens, passes SQLite's integrity check, and every row in it is whole
    /// (a question that was asked, its outcome consistent with its answer, its passages readable).
    /// </summary>
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Killing_the_bot_with_sigkill_while_it_logs_leaves_every_committed_record_whole()
    {
        var questions = new[] { SeedFacts.CadresQuestion, "两省对口合作的总签约额是多少？", "咱们省一共送了多少干部去广东进修？", "华为鲲鹏在深哈产业园投了多少钱？", "深哈产业园注册了多少家企业？" };
        int port = LiveBot.FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, $"--CoopBot:Seeds={Path.Combine(Repo.Root, "seeds")}", $"--CoopBot:Index={Path.Combine(_dir, "index")}",
            $"--CoopBot:Database={Db}", $"--CoopBot:FeedbackFile={Path.Combine(_dir, "none.jsonl")}", "--CoopBot:AnswerCacheEntries=0", "--CoopBot:RateLimit:PerMinute=1000000",
            "--Logging:LogLevel:Default=Warning", "--urls", $"http://127.0.0.1:{port}"])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        long asked = 0;
        using (var bot = new ChildProcess(Process.Start(start)!))
        {
            _ = bot.Process.StandardOutput.ReadToEndAsync();
            _ = bot.Process.StandardError.ReadToEndAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitReadyAsync(http);

            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
            {
                for (int i = c; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var r = await http.GetAsync("/api/ask?q=" + Uri.EscapeDataString(questions[i % questions.Length]), stop.Token);
                        Interlocked.Increment(ref asked);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            // Let it log for a while, then kill it without warning while the clients are still asking.
            while (Interlocked.Read(ref asked) < 300)
            {
                await Task.Delay(50);
            }

            bot.Process.Kill(entireProcessTree: false);
            await bot.Process.WaitForExitAsync();
            stop.Cancel();
            await Task.WhenAll(clients);
        }

        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var check = c.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string)check.ExecuteScalar()!);

        using var store = EditorialStore.Open(new EditorialStoreOptions(Db));
        var rows = store.Questions(LogFilter.All, 1, 100_000);
        Assert.True(rows.Total >= 100, $"only {rows.Total} of {asked} questions were committed before the kill");
        Assert.All(rows.Rows, r =>
        {
            Assert.Contains(r.Question, questions);
            Assert.Equal("api", r.Channel);
            Assert.Equal(r.Answered, r.Answer is not null);
            Assert.Equal(r.Answered, r.Reason is null);
            Assert.NotEmpty(r.PassageIds);
            Assert.True(r.LatencyMs > 0);
        });
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the bot did not become ready in 60 s");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
