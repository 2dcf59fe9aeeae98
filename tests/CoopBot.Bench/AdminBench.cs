using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoopBot.Core;
using CoopBot.Editorial;
using CoopBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoopBot.Bench;

/// <summary>
/// The editors' console over a large log: 100,000 questions spread over 90 days (the seed's formal
/// and colloquial questions, repeated as people repeat them, and CMRC 2018 dev questions the seed
/// cannot answer, so the refused list is long and varied), 2,000 votes; then each console page is
/// fetched over HTTP, signed in, through the whole host. Floor: /healthz of the same host.
/// </summary>
internal static partial class AdminBench
{
    private const string Key = "benchmark-editors-key-0001";

    public static async Task<List<Row>> RunAsync(BenchOptions options)
    {
        var dir = Paths.NewTemp("admin");
        var db = Path.Combine(dir, "coopbot.db");
        int count = options.AdminQuestions;
        var fill = Stopwatch.StartNew();
        Fill(db, count);
        fill.Stop();
        Console.WriteLine($"admin: {count:N0} questions and {count / 50:N0} votes logged in {fill.Elapsed.TotalSeconds:F1} s ({count / fill.Elapsed.TotalSeconds:N0} per second); database {new FileInfo(db).Length / 1048576.0:F1} MB");

        int port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoopBot:Seeds"] = Paths.Seeds,
            ["CoopBot:Index"] = Path.Combine(dir, "index"),
            ["CoopBot:Database"] = db,
            ["CoopBot:FeedbackFile"] = Path.Combine(dir, "none.jsonl"),
            ["CoopBot:RetentionDays"] = "0",
            ["CoopBot:Admin:Key"] = Key,
            ["CoopBot:Admin:PerMinute"] = "100000000",
            ["CoopBot:RateLimit:PerMinute"] = "100000000",
        });
        builder.AddCoopBot();
        await using var app = builder.Build();
        app.MapCoopBot();
        await app.StartAsync();
        await app.Services.GetRequiredService<EngineHolder>().GetAsync(CancellationToken.None);

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var cookie = await SignInAsync(http);
        var pages = new (string Name, string Path)[]
        {
            ("overview (totals, chart, most asked; last 30 days)", "/admin"),
            ("all questions, page 1", "/admin/questions"),
            ("all questions, text filter 干部", "/admin/questions?q=%E5%B9%B2%E9%83%A8"),
            ("all questions, refused, page 100", "/admin/questions?outcome=refused&page=100"),
            ("refused, grouped, with closest passages", "/admin/refused"),
            ("dislikes", "/admin/feedback"),
            ("summary API (JSON)", "/admin/api/summary"),
        };

        var floor = await TimeAsync(http, "/healthz", null, options.AdminRounds);
        var rows = new List<Row>();
        foreach (var (name, path) in pages)
        {
            var t = await TimeAsync(http, path, cookie, options.AdminRounds);
            rows.Add(new Row($"6. Console at {count / 1000}k questions: {name}", $"p50 {Stats.F(t.P50, 1)} ms, p95 {Stats.F(t.P95, 1)} ms", $"/healthz p50 {Stats.F(floor.P50, 2)} ms", "", "p95 < 300 ms", t.P95 < 300));
        }

        var export = await TimeAsync(http, "/admin/questions.csv", cookie, 3);
        rows.Add(new Row($"6. Console at {count / 1000}k questions: CSV export of all of them", $"{Stats.F(export.P50, 0)} ms", "", "", "(streamed; no goal)", null));
        await app.StopAsync();
        return rows;
    }

    private static void Fill(string db, int count)
    {
        var rng = new Random(20261128);
        var seedQuestions = Questions(Path.Combine(Paths.Root, "..", "shared", "eval", "dev.jsonl"))
            .Concat(Questions(Path.Combine(Paths.Root, "..", "shared", "eval", "colloquial.jsonl"))).ToList();
        var cmrc = Questions(Path.Combine(Paths.Root, "..", "shared", "benchmarks", "cmrc2018-dev", "questions.jsonl")).Select(q => q with { Answerable = false }).ToList();
        if (seedQuestions.Count == 0)
        {
            seedQuestions = Paths.GoldQuestions().Select(q => (q, true)).Select(x => new Asked(x.q, x.Item2)).ToList();
        }

        var channels = new[] { "directline", "directline", "msteams", "msteams", "msteams", "api" };
        var now = DateTimeOffset.UtcNow;
        // A log is written as questions come: in time order.
        var times = Enumerable.Range(0, count).Select(_ => now.AddMinutes(-rng.Next(90 * 24 * 60))).Order().ToList();
        using var store = EditorialStore.Open(new EditorialStoreOptions(db) { RetentionDays = 0, QueueCapacity = 20_000 });
        for (int i = 0; i < count; i++)
        {
            var q = cmrc.Count > 0 && rng.NextDouble() < 0.4 ? cmrc[rng.Next(cmrc.Count)] : seedQuestions[rng.Next(seedQuestions.Count)];
            var time = times[i];
            store.Record(new LoggedQuestion(time, channels[rng.Next(channels.Length)], "conv-" + rng.Next(20_000), q.Question, q.Answerable,
                q.Answerable ? "2546名" : null, q.Answerable ? null : "NotInArticles", ["p69499afac3d0", "p69d0871af10f", "peddc7a54c81a"], 3 + rng.NextDouble() * 10, q.Answerable ? 2.5 : -1.5, null));
            if (i % 20_000 == 19_999)
            {
                store.FlushAsync().GetAwaiter().GetResult();
            }

            if (i % 50 == 0)
            {
                store.RecordAsync(new LoggedVote(time, "msteams", "conv-" + rng.Next(20_000), rng.NextDouble() < 0.3 ? "dislike" : "like", rng.NextDouble() < 0.5 ? "数字不对，应该是累计的" : null, q.Question, "2546名", ["p69499afac3d0"]))
                    .GetAwaiter().GetResult();
            }
        }

        store.FlushAsync().GetAwaiter().GetResult();
        if (store.DroppedQuestions > 0)
        {
            throw new InvalidOperationException($"{store.DroppedQuestions} questions dropped while filling the benchmark log");
        }
    }

    private sealed record Asked(string Question, bool Answerable);

    private static List<Asked> Questions(string jsonl) => !File.Exists(jsonl) ? [] : File.ReadLines(jsonl)
        .Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => new Asked(e.GetProperty("question").GetString()!, !e.TryGetProperty("answerable", out var a) || a.GetBoolean()))
        .ToList();

    private static async Task<string> SignInAsync(HttpClient http)
    {
        var form = await http.GetAsync("/admin");
        var csrfCookie = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("coopbot-admin-csrf=", StringComparison.Ordinal)).Split(';')[0];
        var token = System.Net.WebUtility.HtmlDecode(CsrfField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/signin") { Content = new FormUrlEncodedContent([new("key", Key), new("__csrf", token)]) };
        request.Headers.Add("Cookie", csrfCookie);
        var response = await http.SendAsync(request);
        var session = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("coopbot-admin=", StringComparison.Ordinal)).Split(';')[0];
        return csrfCookie + "; " + session;
    }

    private static async Task<(double P50, double P95)> TimeAsync(HttpClient http, string path, string? cookie, int rounds)
    {
        var times = new List<double>();
        for (int i = 0; i < rounds + 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            clock.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }

            // The first two warm the page's code and SQLite's cache.
            if (i >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (Stats.Percentile(times, 0.5), Stats.Percentile(times, 0.95));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
