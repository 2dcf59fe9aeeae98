using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoopBot.Tests;

/// <summary>The editors' console over HTTP: off without a key, signed in with one, CSRF and rate limits, aliases that apply at once.</summary>
public partial class AdminConsoleTests
{
    private const string Key = "editors-key-for-tests-7f3a";

    private static BotAppFactory WithKey(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["CoopBot:Admin:Key"] = Key };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        return BotAppFactory.With(settings);
    }

    [Theory]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/admin/questions.csv")]
    [InlineData("GET", "/admin/api/summary")]
    [InlineData("GET", "/admin/synonyms.txt")]
    [InlineData("POST", "/admin/signin")]
    [InlineData("POST", "/admin/synonyms/add")]
    public async Task Without_a_key_configured_the_console_and_its_api_do_not_exist(string method, string path)
    {
        using var app = new BotAppFactory();
        using var client = app.CreateClient();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new FormUrlEncodedContent([new("key", Key)]) : null });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Without_signing_in_pages_show_the_sign_in_form_and_the_api_and_actions_say_401_with_nothing_of_the_log()
    {
        using var app = WithKey();
        await app.SendAsync(Activities.Message("咱们一共送了多少人去广东取经？"));
        using var client = new AdminClient(app);

        var page = await client.GetAsync("/admin/refused");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("后台密钥", html);
        Assert.DoesNotContain("取经", html);

        var api = await client.GetAsync("/admin/api/summary");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.DoesNotContain("取经", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/questions.csv")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_sets_an_httponly_secure_samesite_strict_cookie_for_admin_only_and_the_console_shows_todays_questions()
    {
        using var app = WithKey();
        await app.SendAsync(Activities.Message(SeedFacts.CadresQuestion));
        await app.SendAsync(Activities.Message("咱们一共送了多少人去广东取经？"));
        using var client = new AdminClient(app);

        var response = await client.SignInAsync(Key);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("coopbot-admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, cookie);

        app.LoggedQuestions();
        var overview = await client.GetStringAsync("/admin");
        Assert.Matches(@"id=""stat-today""><span>今天的问题</span><strong>2</strong>", overview);
        Assert.Contains(SeedFacts.CadresQuestion, overview);
        Assert.Contains("<svg", overview);

        var refused = await client.GetStringAsync("/admin/refused");
        Assert.Contains("咱们一共送了多少人去广东取经？", refused);
        Assert.Contains("两省互派341名本部门或本地区的优秀骨干干部", refused); // its closest passage

        var csv = await client.GetStringAsync("/admin/questions.csv?outcome=refused");
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time,channel,conversation,question,answered", lines[0]);
        Assert.Contains("\"咱们一共送了多少人去广东取经？\",0,", Assert.Single(lines.Skip(1)));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_after_the_limit_further_attempts_get_429_even_with_the_right_key()
    {
        using var app = WithKey(new() { ["CoopBot:Admin:SignInsPerMinute"] = "3" });
        using var client = new AdminClient(app);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("not-the-key-" + i)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(Key)).StatusCode);
        Assert.False(client.HasSession);
    }

    [Fact]
    public async Task Changes_without_the_forms_csrf_token_are_refused_and_change_nothing()
    {
        using var app = WithKey();
        using var client = new AdminClient(app);
        await client.SignInAsync(Key);

        var forged = await client.PostAsync("/admin/synonyms/add", [new("phrase", "取经"), new("canonical", "培训学习")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("培训学习", await client.GetStringAsync("/admin/synonyms.txt"));

        // Sign-in itself needs the token too (login CSRF).
        using var other = new AdminClient(app);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsync("/admin/signin", [new("key", Key)], withToken: false)).StatusCode);
    }

    [Fact]
    public async Task An_alias_added_in_the_console_answers_the_refused_question_at_once_is_audited_exported_and_removable()
    {
        using var app = WithKey();
        const string question = "咱们一共送了多少人去广东取经？";
        Assert.Contains("没有在文章中找到", Text(await app.SendAsync(Activities.Message(question))));
        using var client = new AdminClient(app);
        await client.SignInAsync(Key);

        // From the refused question: its closest passages lack the answer, so find the passage with the articles'
        // wording, pick it, see the suggestion, preview it, save it.
        var self = "/admin/fix?q=" + Uri.EscapeDataString(question);
        var closest = await client.GetStringAsync(self);
        Assert.DoesNotContain("我省已派出2546名干部", closest);
        Assert.Contains("name=\"find\"", closest);
        var found = await client.GetStringAsync(self + "&find=" + Uri.EscapeDataString("培训学习"));
        Assert.Contains("我省已派出2546名干部赴广东参加各类培训学习", Regex.Match(found, "<ol class=\"found\">.*?</ol>", RegexOptions.Singleline).Value);
        Assert.Contains("&amp;find=%E5%9F%B9%E8%AE%AD%E5%AD%A6%E4%B9%A0&amp;passage=p69499afac3d0", found);
        var fix = await client.GetStringAsync(self + "&find=" + Uri.EscapeDataString("培训学习") + "&passage=p69499afac3d0");
        Assert.Contains("<li class=\"chosen\">", Regex.Match(fix, "<ol class=\"found\">.*?</ol>", RegexOptions.Singleline).Value);
        Assert.Contains("取经 = 培训学习", fix);
        var preview = await client.GetStringAsync("/admin/fix?q=" + Uri.EscapeDataString(question) + "&passage=p69499afac3d0&phrase=取经&canonical=培训学习");
        Assert.Contains("<strong class=\"would-answer\">2546名</strong>", preview);
        Assert.Contains($"{question} → <strong>2546名</strong>", preview);
        var saved = await client.PostAsync("/admin/synonyms/add", [new("phrase", "取经"), new("canonical", "培训学习"), new("question", question)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var reply = Text(await app.SendAsync(Activities.Message(question)));
        Assert.Contains("**2546名**", reply);
        Assert.Contains("理解为：咱们一共送了多少人去广东培训学习？", reply);

        Assert.Equal("# CoopBot aliases: 大家的说法 = 文章里的用词\n取经 = 培训学习\n", await client.GetStringAsync("/admin/synonyms.txt"));
        var audit = await client.GetStringAsync("/admin/audit");
        Assert.Contains("添加同义词", audit);
        Assert.Contains("取经 = 培训学习（来自未回答的问题：" + question + "）", audit);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/admin/synonyms/remove", [new("phrase", "取经")])).StatusCode);
        Assert.Contains("没有在文章中找到", Text(await app.SendAsync(Activities.Message(question))));
        Assert.Contains("删除同义词", await client.GetStringAsync("/admin/audit"));
    }

    [Fact]
    public async Task The_fix_pages_search_is_cut_to_its_limit_escaped_and_says_when_it_finds_nothing_new()
    {
        using var app = WithKey();
        using var client = new AdminClient(app);
        await client.SignInAsync(Key);
        var self = "/admin/fix?q=" + Uri.EscapeDataString("咱们一共送了多少人去广东取经？");

        var hostile = await client.GetAsync(self + "&find=" + Uri.EscapeDataString("<script>alert(1)</script>" + new string('培', 5_000)));
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        var html = await hostile.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;" + new string('培', 25) + "\"", html);

        // Searching with the question itself finds only the passages already listed.
        var same = await client.GetStringAsync(self + "&find=" + Uri.EscapeDataString("咱们一共送了多少人去广东取经？"));
        Assert.Contains("没有上面以外的段落", same);
    }

    [Fact]
    public async Task Importing_a_file_adds_its_aliases_and_reports_the_lines_it_could_not_read()
    {
        using var app = WithKey();
        using var client = new AdminClient(app);
        await client.SignInAsync(Key);

        var response = await client.PostAsync("/admin/synonyms/import", [new("text", "# 编辑部的同义词\n龙粤 = 黑龙江和广东\n哈电 = 哈电集团\n坏行没有等号\n修 = 培训学习\n")]);

        var notice = Uri.UnescapeDataString(response.Headers.Location!.OriginalString);
        Assert.Contains("导入了 2 个同义词", notice);
        Assert.Contains("第 4 行没有等号", notice);
        Assert.Contains("第 5 行：说法至少要两个字", notice);
        Assert.Equal("# CoopBot aliases: 大家的说法 = 文章里的用词\n哈电 = 哈电集团\n龙粤 = 黑龙江和广东\n", await client.GetStringAsync("/admin/synonyms.txt"));
    }

    [Theory]
    [InlineData("/admin?from=0001-01-01&to=9999-12-31")]
    [InlineData("/admin/refused?from=1900-01-01&to=9999-12-31")]
    [InlineData("/admin/questions?from=2026-99-99&to=abc&page=-5&outcome=maybe")]
    [InlineData("/admin/questions?page=99999999999999&q=%25%27%22%3B--")]
    [InlineData("/admin/feedback?channel=%00&from=2026-12-01&to=2026-01-01")]
    [InlineData("/admin/fix?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&passage=..%2F..%2Fetc&phrase=%3Cb%3E&canonical=x%3Dy")]
    public async Task Odd_filters_dates_pages_and_markup_in_the_query_get_a_page_not_an_error(string path)
    {
        using var app = WithKey();
        await app.SendAsync(Activities.Message("<script>alert(1)</script>进修"));
        using var client = new AdminClient(app);
        await client.SignInAsync(Key);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void A_key_shorter_than_16_characters_stops_the_start_with_a_clear_message()
    {
        var result = new CoopBot.Core.CoopBotOptionsValidation(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .Validate(null, new CoopBot.Core.CoopBotOptions { Seeds = Path.Combine(Repo.Root, "seeds"), Admin = new CoopBot.Core.AdminOptions { Key = "short" } });
        Assert.True(result.Failed);
        Assert.Contains("CoopBot:Admin:Key must be at least 16 characters", result.FailureMessage);
    }

    private static string Text(List<Newtonsoft.Json.Linq.JObject> replies) => (string?)replies.Messages()[0]["text"] ?? "";

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    /// <summary>
    /// A browser-like client: keeps the cookies itself (HttpClient's container will not send a Secure
    /// cookie over the test server's http), does not follow redirects, reads the CSRF field from pages.
    /// </summary>
    private sealed class AdminClient(BotAppFactory app) : IDisposable
    {
        private readonly HttpClient _http = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
        private string? _token;

        public bool HasSession => _cookies.ContainsKey("coopbot-admin");

        public async Task<HttpResponseMessage> GetAsync(string path)
        {
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            var body = await response.Content.ReadAsStringAsync();
            if (CsrfField().Match(body) is { Success: true } m)
            {
                _token = WebUtility.HtmlDecode(m.Groups[1].Value);
            }

            return response;
        }

        public async Task<string> GetStringAsync(string path)
        {
            var response = await GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<HttpResponseMessage> SignInAsync(string key)
        {
            await GetAsync("/admin");
            return await PostAsync("/admin/signin", [new("key", key)]);
        }

        public async Task<HttpResponseMessage> PostAsync(string path, List<KeyValuePair<string, string>> form, bool withToken = true)
        {
            if (withToken)
            {
                if (_token is null)
                {
                    await GetAsync("/admin");
                }

                form = [.. form, new("__csrf", _token!)];
            }

            return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await _http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var c in set)
                {
                    var pair = c.Split(';')[0].Split('=', 2);
                    if (pair[1].Length == 0 || c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(pair[0]);
                    }
                    else
                    {
                        _cookies[pair[0]] = pair[1];
                    }
                }
            }

            return response;
        }

        public void Dispose() => _http.Dispose();
    }
}
