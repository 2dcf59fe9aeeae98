using Microsoft.Playwright;

namespace CoopBot.Tests;

/// <summary>
/// The editors' console in Chromium, the way an editor meets it: people chat in Web Chat, the editor
/// signs in to /admin, finds the refused colloquial question, searches the articles for the passage that
/// answers it (not among the question's closest), picks it, takes
/// the suggested alias after its preview, and the same question asked again in Web Chat is answered.
/// </summary>
[Trait("Category", "E2E")]
public class AdminConsoleBrowserTests
{
    private const string Key = "browser-test-editors-key-42";
    private const string Refused = "咱们一共送了多少人去广东取经？";

    [SkippableFact]
    public async Task An_editor_signs_in_sees_todays_questions_fixes_a_refused_question_with_an_alias_and_web_chat_then_answers_it()
    {
        E2E.Require(File.Exists(E2E.Chromium), $"Chromium ({E2E.Chromium}; apt-get install chromium fonts-noto-cjk)");
        using var bot = new LiveBot(new Dictionary<string, string?> { ["CoopBot:Admin:Key"] = Key });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await E2E.LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1200, Height = 1000 } });
        var chat = await context.NewPageAsync();
        var admin = await context.NewPageAsync();
        var violations = E2E.CspViolations(admin);
        var wait = new LocatorWaitForOptions { Timeout = 30_000 };
        try
        {
            // A scripted chat: one question the page answers, one colloquial one it refuses.
            await chat.GotoAsync(bot.BaseUrl + "/");
            await chat.Locator("p", new PageLocatorOptions { HasTextString = "我读过 6 篇文章" }).First.WaitForAsync(wait);
            var input = chat.Locator("[data-id='webchat-sendbox-input']");
            await input.FillAsync(SeedFacts.CadresQuestion);
            await input.PressAsync("Enter");
            await chat.Locator("strong", new PageLocatorOptions { HasTextString = SeedFacts.CadresAnswer }).First.WaitForAsync(wait);
            await input.FillAsync(Refused);
            await input.PressAsync("Enter");
            await chat.Locator("p", new PageLocatorOptions { HasTextString = "没有在文章中找到这个问题的答案" }).First.WaitForAsync(wait);

            // Sign in: the key is asked once.
            await admin.GotoAsync(bot.BaseUrl + "/admin");
            await admin.Locator("input[name='key']").FillAsync(Key);
            await admin.Locator("button", new PageLocatorOptions { HasTextString = "登录" }).ClickAsync();
            await admin.Locator("#stat-today strong").WaitForAsync(wait);
            Assert.Equal("2", await admin.Locator("#stat-today strong").InnerTextAsync());
            Assert.Equal(1, await admin.Locator("table.frequent td", new PageLocatorOptions { HasTextString = Refused }).CountAsync());
            Assert.True(await admin.Locator("figure.chart rect.refused").CountAsync() >= 1);
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "admin-overview.png"), FullPage = true });

            // The refused question, with the closest passages.
            await admin.Locator("nav a", new PageLocatorOptions { HasTextString = "未回答" }).ClickAsync();
            var group = admin.Locator("section.group", new PageLocatorOptions { HasTextString = Refused });
            await group.WaitForAsync(wait);
            Assert.DoesNotContain("我省已派出2546名干部", await group.Locator("ol.closest").InnerTextAsync());
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "admin-refused.png"), FullPage = true });

            // Search the articles in their own wording, pick the passage that answers it; take the suggested
            // alias after its preview.
            await group.Locator("a.fix").ClickAsync();
            await admin.Locator("form.find input[name='find']").FillAsync("培训学习");
            await admin.Locator("form.find button").ClickAsync();
            await admin.Locator("ol.found li", new PageLocatorOptions { HasTextString = "我省已派出2546名干部" }).Locator("a.choose").ClickAsync();
            await admin.Locator("ol.found li.chosen", new PageLocatorOptions { HasTextString = "我省已派出2546名干部" }).WaitForAsync(wait);
            var suggestion = admin.Locator("a.suggestion", new PageLocatorOptions { HasTextString = "取经 = 培训学习" });
            await suggestion.WaitForAsync(wait);
            await suggestion.ClickAsync();
            await admin.Locator("strong.would-answer").WaitForAsync(wait);
            Assert.Equal(SeedFacts.CadresAnswer, await admin.Locator("strong.would-answer").InnerTextAsync());
            Assert.Contains(Refused, await admin.Locator("ul.would-answer-list").InnerTextAsync());
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "admin-alias-preview.png"), FullPage = true });
            await admin.Locator("button.save").ClickAsync();
            await admin.Locator("p.notice", new PageLocatorOptions { HasTextString = "已添加：取经 = 培训学习" }).WaitForAsync(wait);
            Assert.Equal(1, await admin.Locator("table.aliases tr", new PageLocatorOptions { HasTextString = "培训学习" }).CountAsync());
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "admin-synonyms.png"), FullPage = true });

            // The same question, asked again in Web Chat: answered now, and the reply says how it was read.
            var answers = chat.Locator("strong", new PageLocatorOptions { HasTextString = SeedFacts.CadresAnswer });
            int before = await answers.CountAsync();
            await input.FillAsync(Refused);
            await input.PressAsync("Enter");
            await chat.Locator("p", new PageLocatorOptions { HasTextString = "理解为：咱们一共送了多少人去广东培训学习" }).First.WaitForAsync(wait);
            Assert.True(await answers.CountAsync() > before, "the answer 2546名 did not appear in bold after the alias");
            await chat.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "webchat-after-alias.png"), FullPage = true });

            // The change is in the audit log; the console drew everything under the site's policy.
            await admin.GotoAsync(bot.BaseUrl + "/admin/audit");
            Assert.Contains("取经 = 培训学习", await admin.Locator("table.audit").InnerTextAsync());
            File.WriteAllLines(Path.Combine(E2E.ArtifactsDir, "admin-csp-violations.txt"), violations);
            Assert.Empty(violations);
        }
        catch
        {
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "admin-failure.png"), FullPage = true });
            await chat.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(E2E.ArtifactsDir, "admin-chat-failure.png"), FullPage = true });
            throw;
        }
    }
}
