using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CoopBot.Bot;
using CoopBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace CoopBot.Bench;

/// <summary>
/// 3. Chat throughput: /api/messages with expectReplies, 16 concurrent clients on loopback, CoopBot
/// against a bare Bot Builder echo bot on the same CloudAdapter stack, measured alternately.
/// </summary>
internal static class ChatBench
{
    private const int Clients = 16;
    private const int Rounds = 3;

    public static async Task<IEnumerable<Row>> RunAsync(BenchOptions options)
    {
        var indexDir = Paths.NewTemp("chat-index");
        int coopPort = FreePort(), echoPort = FreePort();
        await using var coop = await StartCoopBotAsync(coopPort, indexDir);
        await using var echo = await StartEchoAsync(echoPort);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
        var questions = Paths.GoldQuestions();
        string coopUrl = $"http://127.0.0.1:{coopPort}/api/messages", echoUrl = $"http://127.0.0.1:{echoPort}/api/messages";

        // Warm up both, then alternate rounds so drift on a shared machine hits both alike.
        await LoadAsync(http, echoUrl, questions, TimeSpan.FromSeconds(1));
        await LoadAsync(http, coopUrl, questions, TimeSpan.FromSeconds(1));
        var duration = TimeSpan.FromSeconds(options.ChatSeconds);
        var echoRuns = new List<(int Count, List<double> Latencies, double Seconds)>();
        var coopRuns = new List<(int Count, List<double> Latencies, double Seconds)>();
        for (int r = 0; r < Rounds; r++)
        {
            echoRuns.Add(await LoadAsync(http, echoUrl, questions, duration));
            coopRuns.Add(await LoadAsync(http, coopUrl, questions, duration));
        }

        (double Rps, double P99) Sum(List<(int Count, List<double> Latencies, double Seconds)> runs)
        {
            var all = runs.SelectMany(x => x.Latencies).Order().ToList();
            return (runs.Sum(x => x.Count) / runs.Sum(x => x.Seconds), Stats.Percentile(all, 0.99));
        }

        var (echoRps, echoP99) = Sum(echoRuns);
        var (coopRps, coopP99) = Sum(coopRuns);
        Console.WriteLine($"chat: CoopBot {coopRps:F0} req/s p99 {coopP99:F1} ms; echo {echoRps:F0} req/s p99 {echoP99:F1} ms");
        Directory.Delete(indexDir, recursive: true);
        return
        [
            new Row(
                $"3. Chat throughput, /api/messages expectReplies, {Clients} clients",
                $"{coopRps:F0} req/s, p99 {Stats.F(coopP99, 1)} ms",
                $"echo bot, same CloudAdapter: {echoRps:F0} req/s, p99 {Stats.F(echoP99, 1)} ms",
                $"{Stats.F(coopRps / echoRps)}×",
                "≥ 0.8×",
                coopRps / echoRps >= 0.8),
        ];
    }

    private static async Task<(int Count, List<double> Latencies, double Seconds)> LoadAsync(HttpClient http, string url, List<string> questions, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        int errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            for (int i = 0; clock.Elapsed < duration; i++)
            {
                var body = new JObject
                {
                    ["type"] = "message",
                    ["id"] = $"{c}-{i}",
                    ["channelId"] = "directline",
                    ["serviceUrl"] = "http://localhost:9/",
                    ["deliveryMode"] = "expectReplies",
                    ["from"] = new JObject { ["id"] = $"user-{c}" },
                    ["recipient"] = new JObject { ["id"] = "bot" },
                    ["conversation"] = new JObject { ["id"] = $"bench-{c}" },
                    ["text"] = questions[i % questions.Count],
                }.ToString(Newtonsoft.Json.Formatting.None);
                long start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    latencies.Add(Stats.Ms(Stopwatch.GetTimestamp() - start));
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        if (errors > 0)
        {
            throw new InvalidOperationException($"{errors} failed requests to {url}");
        }

        return (latencies.Count, latencies.ToList(), clock.Elapsed.TotalSeconds);
    }

    private static async Task<WebApplication> StartCoopBotAsync(int port, string indexDir)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoopBot:Seeds"] = Paths.Seeds,
            ["CoopBot:Index"] = indexDir,
            ["CoopBot:FeedbackFile"] = Path.Combine(indexDir, "feedback.jsonl"),
            ["CoopBot:RateLimit:PerMinute"] = "100000000",
        });
        builder.AddCoopBot();
        var app = builder.Build();
        app.MapCoopBot();
        await app.StartAsync();
        await app.Services.GetRequiredService<EngineHolder>().GetAsync(CancellationToken.None);
        return app;
    }

    private static async Task<WebApplication> StartEchoAsync(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
        builder.Services.AddSingleton<AdapterWithErrorHandler>();
        builder.Services.AddSingleton<IBot, EchoBot>();
        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, AdapterWithErrorHandler adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(request, response, bot, ct));
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The floor: Bot Builder's echo sample.</summary>
    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<Microsoft.Bot.Schema.IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
    }
}
