using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>Headers, CORS, rate limits, Direct Line with credentials, and secrets kept out of logs.</summary>
[Trait("Category", "Integration")]
public class SecurityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/articles/unknown")]
    [InlineData("/css/site.css")]
    [InlineData("/healthz")]
    public async Task Responses_carry_csp_nosniff_and_referrer_policy(string url)
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();
        var response = await client.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Chat_page_nonce_matches_its_policy_and_changes_per_response()
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();
        async Task<string> NonceOf()
        {
            var response = await client.GetAsync("/");
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            var html = await response.Content.ReadAsStringAsync();
            var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
            Assert.Contains($"<meta name=\"csp-nonce\" content=\"{System.Net.WebUtility.HtmlEncode(nonce)}\">", html);
            return nonce;
        }

        Assert.NotEqual(await NonceOf(), await NonceOf());
    }

    [Fact]
    public async Task Cors_is_closed_by_default()
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/ask?q=x");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var response = await client.SendAsync(preflight);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        var get = new HttpRequestMessage(HttpMethod.Get, "/api/ask?q=" + Uri.EscapeDataString("总签约额是多少"));
        get.Headers.Add("Origin", "https://evil.example");
        Assert.False((await client.SendAsync(get)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Past_the_per_client_limit_web_endpoints_answer_429_with_retry_after()
    {
        using var app = BotAppFactory.With(new() { ["CoopBot:RateLimit:PerMinute"] = "5", ["CoopBot:RateLimit:TokensPerMinute"] = "2" });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 7; i++)
        {
            statuses.Add((await client.GetAsync("/api/ask?q=" + Uri.EscapeDataString("总签约额是多少"))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        var limited = await client.GetAsync("/api/ask?q=x");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/directline/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/directline/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/api/directline/token", null)).StatusCode);
    }

    [Fact]
    public async Task With_credentials_and_no_secret_direct_line_is_off()
    {
        using var app = BotAppFactory.With(Credentials());
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/directline/token", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/v3/directline/conversations", null)).StatusCode);
    }

    [Fact]
    public async Task With_credentials_and_a_secret_direct_line_needs_the_secret_or_a_token()
    {
        var settings = Credentials();
        settings["CoopBot:DirectLine:Secret"] = "dl-secret-7f3a9c";
        using var app = BotAppFactory.With(settings);
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/v3/directline/tokens/generate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/v3/directline/conversations", null)).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dl-secret-7f3a9c");
        var started = await client.PostAsync("/v3/directline/conversations", null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var conversation = JObject.Parse(await started.Content.ReadAsStringAsync());

        // The secret starts conversations; reading one takes that conversation's own token.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)conversation["token"]!);
        var posted = await client.PostAsync($"/v3/directline/conversations/{conversation["conversationId"]}/activities", new StringContent(
            new JObject { ["type"] = "message", ["from"] = new JObject { ["id"] = "u" }, ["text"] = SeedFacts.CadresQuestion }.ToString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var activities = JObject.Parse(await client.GetStringAsync($"/v3/directline/conversations/{conversation["conversationId"]}/activities"));
        Assert.Contains(activities["activities"]!, a => ((string?)a["text"])?.StartsWith("**2546名**", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Expired_direct_line_token_is_refused()
    {
        using var app = new BotAppFactory();
        var time = new ManualTime();
        using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(time)));
        using var client = factory.CreateClient();
        var session = JObject.Parse(await (await client.PostAsync("/api/directline/token", null)).Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)session["token"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v3/directline/conversations/{session["conversationId"]}/activities")).StatusCode);

        time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/v3/directline/conversations/{session["conversationId"]}/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/v3/directline/tokens/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Secrets_never_reach_the_logs_or_the_feedback_file()
    {
        var settings = Credentials();
        settings["CoopBot:DirectLine:Secret"] = "dl-secret-marker-51c2";
        settings["Logging:LogLevel:Default"] = "Trace";
        var captured = new CapturedLogs();
        var logs = captured.Lines;
        using var app = BotAppFactory.With(settings);
        using var factory = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(captured)));
        using var client = factory.CreateClient();

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dl-secret-marker-51c2");
        await client.PostAsync("/v3/directline/conversations", null);
        await client.PostAsync("/v3/directline/tokens/generate", null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "app-password-marker-9d4e");
        await client.PostAsync("/api/messages", new StringContent(Activities.Message("总签约额是多少？").ToString(), Encoding.UTF8, "application/json"));

        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, l => l.ToString().Contains("marker", StringComparison.Ordinal));
        Assert.False(app.DatabaseFilesContain("marker"));
    }

    private static Dictionary<string, string?> Credentials() => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
        ["MicrosoftAppPassword"] = "app-password-marker-9d4e",
        ["CoopBot:PublicUrl"] = "https://coopbot.example.org",
    };

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
