using Microsoft.Playwright;

namespace CoopBot.Tests;

/// <summary>
/// The web chat page in a real browser: Microsoft.Playwright driving Debian's Chromium (no browser
/// download), the official Web Chat bundle served by CoopBot, talking to CoopBot's Direct Line.
/// </summary>
[Trait("Category", "E2E")]
public class WebChatBrowserTests
{
    [SkippableFact]
    public async Task Asking_in_web_chat_shows_2546_with_its_citation_and_the_link_highlights_the_passage()
    {
        E2E.Require(File.Exists(E2E.Chromium), $"Chromium ({E2E.Chromium}; apt-get install chromium fonts-noto-cjk)");
        using var bot = new LiveBot();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await E2E.LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        var page = await context.NewPageAsync();

        // The page's Content-Security-Policy must not block anything Web Chat needs.
        var violations = E2E.CspViolations(page);
        var screenshot = Path.Combine(E2E.ArtifactsDir, "webchat-answer.png");
        try
        {
            await page.GotoAsync(bot.BaseUrl + "/");

            // The welcome arrives first, over CoopBot's Direct Line.
            await page.Locator("p", new PageLocatorOptions { HasTextString = "我读过 6 篇文章" }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

            var input = page.Locator("[data-id='webchat-sendbox-input']");
            await input.FillAsync(SeedFacts.CadresQuestion);
            await input.PressAsync("Enter");

            var answer = page.Locator("strong", new PageLocatorOptions { HasTextString = SeedFacts.CadresAnswer }).First;
            await answer.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

            // Web Chat turns the [1] marker plus its reference definition into a citation link.
            var citation = page.Locator("a[href*='/articles/']").First;
            await citation.WaitForAsync();
            var href = await citation.GetAttributeAsync("href");
            Assert.NotNull(href);
            Assert.Contains("#p", href);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

            var article = await context.NewPageAsync();
            await article.GotoAsync(new Uri(new Uri(bot.BaseUrl), href).ToString());
            var highlighted = article.Locator(".passage.highlight");
            Assert.Equal(1, await highlighted.CountAsync());
            Assert.Contains("我省已派出2546名干部赴广东参加各类培训学习", await highlighted.InnerTextAsync());
            Assert.Equal(SeedFacts.CadresAnswer, await highlighted.Locator("mark").InnerTextAsync());
            await article.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "article-highlight.png") });
            File.WriteAllLines(Path.Combine(E2E.ArtifactsDir, "csp-violations.txt"), violations);
            Assert.Empty(violations);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "webchat-failure.png"), FullPage = true });
            throw;
        }
    }

    [SkippableFact]
    public async Task A_follow_up_in_web_chat_is_answered_with_the_line_that_says_how_it_was_understood()
    {
        E2E.Require(File.Exists(E2E.Chromium), $"Chromium ({E2E.Chromium}; apt-get install chromium fonts-noto-cjk)");
        using var bot = new LiveBot();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await E2E.LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1000, Height = 1200 } });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(bot.BaseUrl + "/");
            await page.Locator("p", new PageLocatorOptions { HasTextString = "我读过 6 篇文章" }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            var input = page.Locator("[data-id='webchat-sendbox-input']");

            await input.FillAsync(SeedFacts.CadresQuestion);
            await input.PressAsync("Enter");
            await page.Locator("strong", new PageLocatorOptions { HasTextString = SeedFacts.CadresAnswer }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

            // The second turn says nothing of cadres or Guangdong: it is read with the first.
            await input.FillAsync("他们是哪年去的？");
            await input.PressAsync("Enter");
            var understood = page.Locator("p", new PageLocatorOptions { HasTextString = "理解为：" }).First;
            await understood.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            Assert.Contains("干部", await understood.InnerTextAsync());
            await page.Locator("strong", new PageLocatorOptions { HasTextString = "2020年" }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "webchat-follow-up.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "webchat-follow-up-failure.png"), FullPage = true });
            throw;
        }
    }
}
