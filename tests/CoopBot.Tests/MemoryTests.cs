using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CoopBot.DirectLine;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace CoopBot.Tests;

/// <summary>
/// Memory stays flat over 10,000 questions: Direct Line conversations and conversation state are
/// bounded (and expire), so what the 10,000th question leaves behind is what the 2,000th did.
/// </summary>
[Collection("Alone")]
[Trait("Category", "Load")]
public class MemoryTests(ITestOutputHelper output)
{
    private const int Questions = 10_000;
    private const int PerConversation = 5;
    private const int Bound = 200;

    [Fact]
    public async Task Ten_thousand_questions_leave_bounded_conversations_and_a_flat_heap()
    {
        using var app = BotAppFactory.With(new()
        {
            ["CoopBot:RateLimit:PerMinute"] = "100000000",
            ["CoopBot:RateLimit:TokensPerMinute"] = "100000000",
            ["CoopBot:RateLimit:MessagesPerMinute"] = "100000000",
            ["CoopBot:MaxConversations"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CoopBot:DirectLine:MaxConversations"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = app.CreateClient();
        var store = app.Services.GetRequiredService<DirectLineStore>();
        var storage = (CoopBot.Bot.BoundedMemoryStorage)app.Services.GetRequiredService<IStorage>();
        string[] questions = [SeedFacts.TotalQuestion, SeedFacts.CadresQuestion, "深哈产业园注册了多少家企业？", "北京与上海签约了多少个合作项目？", "更多"];

        long warmHeap = 0, warmRss = 0;
        var rssStart = Rss();
        var clock = Stopwatch.StartNew();
        for (int asked = 0; asked < Questions;)
        {
            var session = JObject.Parse(await (await client.PostAsync("/api/directline/token", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)session["token"]!);
            var id = (string)session["conversationId"]!;
            (await client.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
            for (int i = 0; i < PerConversation; i++, asked++)
            {
                var body = new JObject { ["type"] = "message", ["from"] = new JObject { ["id"] = "u" }, ["text"] = questions[i % questions.Length] }.ToString();
                (await client.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
                (await client.GetAsync($"/v3/directline/conversations/{id}/activities")).EnsureSuccessStatusCode();
            }

            if (asked == 2_000)
            {
                // Past the bound by then: from here on memory should not grow.
                warmHeap = GC.GetTotalMemory(forceFullCollection: true);
                warmRss = Rss();
            }
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var rss = Rss();
        output.WriteLine($"{Questions} questions in {clock.Elapsed.TotalSeconds:F0} s; Direct Line conversations kept {store.Count}, tokens {store.TokenCount}, conversation states {storage.Count}");
        output.WriteLine($"RSS: start {rssStart / 1048576} MB, after 2,000 questions {warmRss / 1048576} MB, after {Questions:N0} {rss / 1048576} MB; managed heap after 2,000 {warmHeap / 1048576} MB, after {Questions:N0} {heap / 1048576} MB");
        File.AppendAllText(Path.Combine(E2E.ArtifactsDir, "..", "load-report.txt"),
            $"{DateTimeOffset.UtcNow:u} memory: {Questions} questions; RSS {rssStart / 1048576} -> {warmRss / 1048576} (2,000) -> {rss / 1048576} MB; heap {warmHeap / 1048576} -> {heap / 1048576} MB; conversations kept {store.Count}, states {storage.Count}\n");

        Assert.InRange(store.Count, 1, Bound + 1);
        Assert.InRange(storage.Count, 1, Bound + 1);
        Assert.True(store.TokenCount <= 2 * (Bound + 1), $"{store.TokenCount} tokens kept");
        Assert.True(heap - warmHeap < 32L * 1024 * 1024, $"managed heap grew {(heap - warmHeap) / 1048576} MB between 2,000 and {Questions} questions");
    }

    private static long Rss()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}

/// <summary>
/// Checking a request body must not cost its maximum size: a fresh 256 KB buffer per request went to
/// the large object heap, and under a burst of clients the blocking collections it caused held
/// /api/messages to about 300 requests a second with a p99 near one second.
/// </summary>
[Trait("Category", "Load")]
public class RequestValidationAllocationTests
{
    [Fact]
    public async Task Validating_a_small_activity_allocates_kilobytes_not_the_size_limit()
    {
        var body = Encoding.UTF8.GetBytes(new JObject
        {
            ["type"] = "message",
            ["from"] = new JObject { ["id"] = "u" },
            ["conversation"] = new JObject { ["id"] = "c" },
            ["text"] = SeedFacts.TotalQuestion,
        }.ToString());
        var filter = new CoopBot.Apis.ActivityRequestValidation(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var passed = 0;

        async Task Once()
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = body.Length;
            http.Request.Body = new MemoryStream(body);
            await filter.InvokeAsync(
                new Microsoft.AspNetCore.Http.DefaultEndpointFilterInvocationContext(http),
                _ =>
                {
                    passed++;
                    return ValueTask.FromResult<object?>(null);
                });
        }

        await Once();
        const int N = 50;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < N; i++)
        {
            await Once();
        }

        long perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / N;
        Assert.Equal(N + 1, passed);
        Assert.True(perRequest < 32 * 1024, $"{perRequest} bytes allocated per request");
    }
}
