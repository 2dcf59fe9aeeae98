using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace CoopBot.Tests;

/// <summary>Runs alone: load and memory figures must measure CoopBot, not the other tests.</summary>
[CollectionDefinition("Alone", DisableParallelization = true)]
public class AloneCollection;

/// <summary>
/// Load on loopback only, bounded in count: 50 concurrent conversations each ask the 30 gold questions,
/// through CoopBot's Direct Line and through /api/messages with expectReplies. No errors, and every
/// answer identical to the one the question gets when asked alone. Latencies are reported, not asserted.
/// </summary>
[Collection("Alone")]
[Trait("Category", "Load")]
public class LoadTests(ITestOutputHelper output)
{
    private const int Conversations = 50;

    private static readonly Dictionary<string, string?> Unlimited = new()
    {
        ["CoopBot:RateLimit:PerMinute"] = "1000000",
        ["CoopBot:RateLimit:TokensPerMinute"] = "1000000",
        ["CoopBot:RateLimit:MessagesPerMinute"] = "1000000",

        // Every question searched, so 50 conversations really run the engine at once (with the answer
        // cache on, all but the first of each question would be a lookup).
        ["CoopBot:AnswerCacheEntries"] = "0",
    };

    private static List<string> GoldQuestions() => File.ReadLines(Path.Combine(Repo.Root, "tests", "CoopBot.Engine.Tests", "Data", "dev.jsonl"))
        .Where(l => l.Trim().Length > 0).Select(l => (string)JObject.Parse(l)["question"]!).ToList();

    [Fact]
    public async Task Fifty_direct_line_conversations_asking_the_gold_questions_get_identical_answers_and_no_errors()
    {
        using var bot = BotAppFactoryOnKestrel(out var baseUrl);
        using var http = NewClient(baseUrl);
        await RunLoadAsync("Direct Line", async _ =>
        {
            var session = await DirectLineSession.StartAsync(http);
            return session.AskAsync;
        });
    }

    [Fact]
    public async Task Fifty_clients_on_api_messages_with_expect_replies_get_identical_answers_and_no_errors()
    {
        using var bot = BotAppFactoryOnKestrel(out var baseUrl);
        using var http = NewClient(baseUrl);
        await RunLoadAsync("/api/messages (expectReplies)", c => Task.FromResult<Func<string, Task<(string Answer, double Ms)>>>(q => AskAsync(http, q, $"load-{c}")));
    }

    /// <summary>
    /// Asks each gold question alone first, then from <see cref="Conversations"/> concurrent
    /// conversations (each opened by <paramref name="open"/>), and checks every answer against the solo one.
    /// </summary>
    private async Task RunLoadAsync(string what, Func<int, Task<Func<string, Task<(string Answer, double Ms)>>>> open)
    {
        var questions = GoldQuestions();
        var solo = await open(-1);
        var alone = new Dictionary<string, string>();
        foreach (var q in questions)
        {
            alone[q] = (await solo(q)).Answer;
        }

        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Conversations).Select(async c =>
        {
            try
            {
                var ask = await open(c);
                foreach (var q in questions)
                {
                    var (answer, ms) = await ask(q);
                    latencies.Add(ms);
                    if (answer != alone[q])
                    {
                        errors.Add($"different answer to {q}");
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                errors.Add(e.Message);
            }
        }));

        Report(what, latencies, clock.Elapsed);
        Assert.Empty(errors);
        Assert.Equal(Conversations * questions.Count, latencies.Count);
    }

    private static async Task<(string Answer, double Ms)> AskAsync(HttpClient http, string question, string conversation)
    {
        var activity = Activities.Message(question, "directline", conversation);
        activity["deliveryMode"] = "expectReplies";
        var clock = Stopwatch.StartNew();
        var response = await http.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        }

        var answer = JObject.Parse(body)["activities"]!.First(a => (string?)a["type"] == "message");
        return ((string)answer["text"]!, ms);
    }

    private BotAppFactory BotAppFactoryOnKestrel(out string baseUrl)
    {
        var app = BotAppFactory.With(Unlimited);
        baseUrl = LiveBot.StartOnFreePort(app);
        return app;
    }

    private static HttpClient NewClient(string baseUrl) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 2 * Conversations }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    private void Report(string what, ConcurrentBag<double> latencies, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var line = $"{what}: {sorted.Length} questions from {Conversations} concurrent conversations in {elapsed.TotalSeconds:F1} s " +
            $"({sorted.Length / elapsed.TotalSeconds:F0}/s); latency p50 {P(0.50):F1} ms, p99 {P(0.99):F1} ms, max {sorted.LastOrDefault():F1} ms";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(E2E.ArtifactsDir, "..", "load-report.txt"), $"{DateTimeOffset.UtcNow:u} {line}\n");
    }

    /// <summary>A Direct Line client as botframework-directlinejs behaves: token, conversation, post, poll with watermark.</summary>
    private sealed class DirectLineSession(HttpClient http, string conversationId, string token)
    {
        private string _watermark = "";

        public static async Task<DirectLineSession> StartAsync(HttpClient http)
        {
            var session = JObject.Parse(await (await http.PostAsync("/api/directline/token", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            var token = (string)session["token"]!;
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var conversation = JObject.Parse(await (await http.SendAsync(start)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            var s = new DirectLineSession(http, (string)conversation["conversationId"]!, token);
            await s.PollAsync();
            return s;
        }

        public async Task<(string Answer, double Ms)> AskAsync(string question)
        {
            var clock = Stopwatch.StartNew();
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
            {
                Content = new StringContent(new JObject { ["type"] = "message", ["from"] = new JObject { ["id"] = "load-user" }, ["text"] = question }.ToString(), Encoding.UTF8, "application/json"),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var postedId = (string)JObject.Parse(await (await http.SendAsync(post)).EnsureSuccessStatusCode().Content.ReadAsStringAsync())["id"]!;
            var activities = await PollAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            var answer = activities.FirstOrDefault(a => (string?)a["replyToId"] == postedId && (string?)a["type"] == "message")
                ?? throw new InvalidOperationException($"No answer to '{question}' in the activities");
            return ((string)answer["text"]!, ms);
        }

        private async Task<List<JObject>> PollAsync()
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={_watermark}");
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var page = JObject.Parse(await (await http.SendAsync(get)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            _watermark = (string)page["watermark"]!;
            return page["activities"]!.Children<JObject>().ToList();
        }
    }
}
