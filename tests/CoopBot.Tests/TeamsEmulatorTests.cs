using System.Diagnostics;
using Microsoft.Playwright;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace CoopBot.Tests;

/// <summary>
/// CoopBot in the real Teams emulator (@microsoft/m365agentsplayground): the question goes in through
/// the emulator's own API, the emulator calls CoopBot as Teams would (channel msteams, normal delivery
/// back to its mock connector), and the reply is read from the emulator's conversation stream.
/// </summary>
[Trait("Category", "E2E")]
public class TeamsEmulatorTests
{
    [SkippableFact]
    public async Task Question_through_the_Teams_emulator_gets_answer_passage_citation_and_a_working_link()
    {
        E2E.Require(File.Exists(E2E.PlaygroundCli), "The Teams emulator (npm ci --prefix tests/e2e)");
        using var bot = new LiveBot();
        int port = LiveBot.FreePort();
        var log = Path.Combine(E2E.ArtifactsDir, "m365agentsplayground.log");
        using var emulator = StartEmulator(bot, port, log);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };

        var config = await WaitForConfigAsync(http, emulator);
        var chatId = (string)config["config"]!["personalChat"]!["id"]!;
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_ws_conversation/v1/conversations/stream"), CancellationToken.None);

        var post = await http.PostAsync($"/_conversation/v1/conversations/{chatId}/messages", new StringContent(
            new JObject { ["from"] = new JObject { ["id"] = "user-id-0" }, ["text"] = SeedFacts.TotalQuestion, ["textFormat"] = "plain" }.ToString(), Encoding.UTF8, "application/json"));
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync());

        var message = await ReceiveAsync(ws, m => ((string?)m["text"])?.Contains(SeedFacts.TotalAnswer) == true, TimeSpan.FromSeconds(30));

        var text = (string)message["text"]!;
        Assert.StartsWith("**4901亿元**", text);
        Assert.Contains("总签约额接近5000亿元(达到**4901亿元**)", text);
        Assert.Equal("markdown", (string?)message["textFormat"]);

        // The emulator rejects malformed citations; getting here means it accepted them.
        var citations = message["aiEntity"]!["citation"]!.Children().ToList();
        Assert.Equal(1, (int)citations[0]["position"]!);
        Assert.Equal("500个项目近5000亿签约额 达目标", (string?)citations[0]["appearance"]!["name"]);

        var link = Regex.Match(text, @"\[查看原文\]\((http://127\.0\.0\.1:\d+/articles/[^)]+)\)").Groups[1].Value;
        Assert.StartsWith(bot.BaseUrl, link);
        using var web = new HttpClient();
        var page = await web.GetAsync(link);
        Assert.True(page.IsSuccessStatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("class=\"passage highlight\"", html);
        Assert.Contains("总签约额接近5000亿元(达到<mark>4901亿元</mark>)", html);
    }

    [SkippableFact]
    public async Task In_the_emulator_ui_one_welcome_three_citation_pills_and_suggestions_after_help()
    {
        E2E.Require(File.Exists(E2E.PlaygroundCli), "The Teams emulator (npm ci --prefix tests/e2e)");
        E2E.Require(File.Exists(E2E.Chromium), $"Chromium ({E2E.Chromium}; apt-get install chromium fonts-noto-cjk)");
        using var bot = new LiveBot();
        int port = LiveBot.FreePort();
        using var emulator = StartEmulator(bot, port, Path.Combine(E2E.ArtifactsDir, "m365agentsplayground-ui.log"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        await WaitForConfigAsync(http, emulator);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await E2E.LaunchChromiumAsync(playwright);
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1400 } })).NewPageAsync();
        try
        {
            // The emulator announces the new chat twice (installationUpdate and conversationUpdate, at once).
            await page.GotoAsync($"http://127.0.0.1:{port}/");
            // Chat messages render their markdown as paragraphs; the emulator's log panel repeats their text elsewhere.
            var welcome = page.Locator("p", new PageLocatorOptions { HasTextString = "我读过 6 篇文章" });
            await welcome.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            await page.GetByText("可以试试这些问题").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await Task.Delay(3000); // time for a second welcome to arrive if one were sent
            Assert.Equal(1, await welcome.CountAsync());

            // An answer with three passages shows three citation pills, 1 to 3.
            await SendAsync(page, SeedFacts.CadresQuestion);
            var answer = page.Locator("div", new PageLocatorOptions { Has = page.Locator("strong", new PageLocatorOptions { HasTextString = SeedFacts.CadresAnswer }) }).Last;
            await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            var pills = page.Locator("a.fai-Citation");
            await pills.Nth(2).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            Assert.Equal(["1", "2", "3"], (await pills.AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());

            // 帮助 is followed by suggested questions as buttons.
            await SendAsync(page, "帮助");
            var suggestion = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = SeedFacts.TotalQuestion });
            await suggestion.Last.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "teams-emulator-ui.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "teams-emulator-ui-failure.png"), FullPage = true });
            throw;
        }
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("[data-lexical-editor=true]").ClickAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Locator("button[aria-label=\"Send Message\"]").ClickAsync();
    }

    private static ChildProcess StartEmulator(LiveBot bot, int port, string log)
    {
        var start = new ProcessStartInfo("node", [E2E.PlaygroundCli, "start", "--disable-telemetry", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = E2E.ArtifactsDir,
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["BOT_ENDPOINT"] = $"{bot.BaseUrl}/api/messages";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = log;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    private static async Task<JObject> WaitForConfigAsync(HttpClient http, ChildProcess emulator)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(emulator.Process.HasExited, "The Teams emulator exited at start.");
            try
            {
                return JObject.Parse(await http.GetStringAsync("/_internal/v1/config"));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<JObject> ReceiveAsync(ClientWebSocket ws, Func<JObject, bool> wanted, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[1 << 16];
        var seen = new List<string>();
        try
        {
            while (true)
            {
                using var frame = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await ws.ReceiveAsync(buffer, cts.Token);
                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var json = JObject.Parse(Encoding.UTF8.GetString(frame.ToArray()));
                seen.Add((string?)json["action"] ?? "?");
                if ((string?)json["action"] == "createMessage" && json["message"] is JObject message && wanted(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("No matching reply from the emulator; saw: " + string.Join(", ", seen));
            throw;
        }
    }
}
