using System.Globalization;
using System.Text;
using CoopBot.Core;
using CoopBot.Editorial;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Text;
using Microsoft.AspNetCore.Antiforgery;
using static CoopBot.Admin.AdminPages;

namespace CoopBot.Admin;

/// <summary>
/// The editors' console at /admin (behind <see cref="AdminAccess"/>): what people asked, what went
/// unanswered and why, what they disliked, and aliases that fix refused questions without code.
/// Every change is a CSRF-checked POST, recorded in the audit table with time and client address.
/// </summary>
public static class AdminEndpoints
{
    private const int PageSize = 50;
    private const int GroupsPerPage = 20;
    private const string Html = "text/html; charset=utf-8";

    /// <summary>Maps the console.</summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/signin", SignInAsync).RequireRateLimiting(RateLimitPolicies.AdminSignIn);
        app.MapPost("/admin/signout", SignOutAsync).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin", Overview).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/questions", Questions).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/questions.csv", ExportCsv).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/refused", RefusedAsync).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/feedback", Feedback).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/fix", FixAsync).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/synonyms", Synonyms).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/synonyms.txt", SynonymsFile).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapPost("/admin/synonyms/add", AddSynonymAsync).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapPost("/admin/synonyms/remove", RemoveSynonymAsync).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapPost("/admin/synonyms/import", ImportSynonymsAsync).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/audit", Audit).RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/admin/api/summary", Summary).RequireRateLimiting(RateLimitPolicies.Admin);
        return app;
    }

    // ------------------------------------------------------------ sign-in

    private static async Task<IResult> SignInAsync(HttpContext context, AdminAccess access, IAntiforgery antiforgery, EditorialLog log)
    {
        if (!await ValidCsrfAsync(context, antiforgery))
        {
            return Results.Content(SignIn(antiforgery.GetAndStoreTokens(context), "表单已过期，请重新输入密钥。"), Html, statusCode: 400);
        }

        var form = await context.Request.ReadFormAsync();
        if (!access.IsKey(form["key"]))
        {
            await AuditAsync(log, "signin.refused", "密钥错误", context);
            return Results.Content(SignIn(antiforgery.GetAndStoreTokens(context), "密钥不对。连续输错会被暂时限制登录。"), Html, statusCode: 401);
        }

        access.SignIn(context);
        await AuditAsync(log, "signin", "登录编辑后台", context);
        return Results.Redirect("/admin");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, AdminAccess access, IAntiforgery antiforgery)
    {
        if (!await ValidCsrfAsync(context, antiforgery))
        {
            return BadForm();
        }

        access.SignOut(context);
        return Results.Redirect("/admin");
    }

    // ------------------------------------------------------------ pages

    private static IResult Overview(HttpContext context, EditorialLog log, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var filter = Filter(context.Request.Query, store, defaultDays: 30);
        var totals = store.Totals(filter);
        var body = new StringBuilder(FilterForm("/admin", filter, store.Channels(), withOutcome: false, withText: false));
        var today = store.Totals(new LogFilter(store.DayOf(DateTimeOffset.UtcNow), store.DayOf(DateTimeOffset.UtcNow)));
        body.Append("<section class=\"totals\">")
            .Append(Stat("今天的问题", today.Questions, "today"))
            .Append(Stat("问题", totals.Questions, "questions"))
            .Append(Stat("已回答", totals.Answered, "answered"))
            .Append(Stat("未回答", totals.Refused, "refused"))
            .Append(Stat("点赞", totals.Likes, "likes"))
            .Append(Stat("差评", totals.Dislikes, "dislikes"))
            .Append(CultureInfo.InvariantCulture, $"<p class=\"stat\"><span>回答率</span><strong>{(totals.Questions == 0 ? "—" : (100.0 * totals.Answered / totals.Questions).ToString("0.0", CultureInfo.InvariantCulture) + "%")}</strong></p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"stat\"><span>用时中位数</span><strong>{(totals.MedianLatencyMs is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "—")}</strong></p>")
            .Append("</section>");
        body.Append("<h2>每天的问题</h2>").Append(DailyChart(store.Daily(filter)));
        body.Append("<h2>问得最多的问题</h2><table class=\"frequent\"><thead><tr><th>问题</th><th>次数</th><th>已回答</th><th>最近一次</th></tr></thead><tbody>");
        foreach (var q in store.Frequent(filter, 20))
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(q.Question)}</td><td>{q.Count}</td><td>{q.Answered}</td><td>{Time(store, q.Last)}</td></tr>");
        }

        body.Append("</tbody></table>");
        return Results.Content(Layout("概览", "概览", body.ToString(), tokens), Html);
    }

    private static IResult Questions(HttpContext context, EditorialLog log, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var filter = Filter(context.Request.Query, store, defaultDays: null);
        var page = store.Questions(filter, PageNumber(context), PageSize);
        var body = new StringBuilder(FilterForm("/admin/questions", filter, store.Channels(), withOutcome: true));
        body.Append(CultureInfo.InvariantCulture, $"<p>共 {page.Total} 条。<a href=\"/admin/questions.csv{E(context.Request.QueryString.Value)}\" download>导出 CSV</a></p>");
        body.Append("<table class=\"questions\"><thead><tr><th>时间</th><th>渠道</th><th>问题</th><th>回答</th><th>用时</th><th>把握</th></tr></thead><tbody>");
        foreach (var q in page.Rows)
        {
            var answer = q.Answered ? $"<strong>{E(q.Answer)}</strong>" : $"<span class=\"refused\">未回答</span> <a href=\"/admin/fix?q={Uri.EscapeDataString(q.Question)}\">找答案</a>";
            var understood = q.Understood is null ? "" : $"<br><small>理解为：{E(q.Understood)}</small>";
            body.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Time(store, q.Time)}</td><td>{E(ChannelName(q.Channel))}</td><td>{E(q.Question)}{understood}</td><td>{answer}</td><td>{q.LatencyMs:0.0} ms</td><td>{(q.Confidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "")}</td></tr>");
        }

        body.Append("</tbody></table>").Append(Pager("/admin/questions", context.Request.Query, page.Page, page.Pages));
        return Results.Content(Layout("全部问题", "全部问题", body.ToString(), tokens), Html);
    }

    /// <summary>CSV of the filtered questions, streamed; cells that a spreadsheet would run as a formula are quoted as text.</summary>
    private static async Task ExportCsv(HttpContext context, EditorialLog log)
    {
        if (log.Store is not { } store)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var filter = Filter(context.Request.Query, store, defaultDays: null);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"coopbot-questions-{store.DayOf(DateTimeOffset.UtcNow):yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync("time,channel,conversation,question,answered,answer,reason,passages,latency_ms,confidence,understood");
        foreach (var q in store.Export(filter))
        {
            await writer.WriteLineAsync(string.Join(',',
                store.Local(q.Time).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), Cell(q.Channel), Cell(q.Conversation), Cell(q.Question),
                q.Answered ? "1" : "0", Cell(q.Answer), Cell(q.Reason), Cell(string.Join(' ', q.PassageIds)),
                q.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture), q.Confidence?.ToString("0.###", CultureInfo.InvariantCulture) ?? "", Cell(q.Understood)));
        }
    }

    private static async Task<IResult> RefusedAsync(HttpContext context, EditorialLog log, EngineHolder engines, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var filter = Filter(context.Request.Query, store, defaultDays: 30) with { Outcome = false };
        var groups = QuestionGroups.Group(store.Refused(filter, 1000));
        int pages = Math.Max(1, (groups.Count + GroupsPerPage - 1) / GroupsPerPage), page = Math.Min(PageNumber(context), pages);
        var engine = await engines.GetAsync(context.RequestAborted);
        var aliases = log.Aliases;
        var body = new StringBuilder(FilterForm("/admin/refused", filter with { Outcome = null }, store.Channels(), withOutcome: false));
        body.Append(CultureInfo.InvariantCulture, $"<p>{groups.Count} 组未回答的问题（措辞相近的归为一组）。每组列出最接近的段落，看看为什么没有回答；“找答案”可以选出有答案的段落并添加同义词。</p>");
        foreach (var g in groups.Skip((page - 1) * GroupsPerPage).Take(GroupsPerPage))
        {
            var question = g.Representative.Question;
            var now = engine.Try(aliases.Rewrite(question), 2);
            body.Append("<section class=\"group\">")
                .Append(CultureInfo.InvariantCulture, $"<h2>{E(question)} <small>{g.Count} 次 · 最近 {Time(store, g.Last)}</small></h2>");
            if (g.Members.Count > 1)
            {
                body.Append("<p class=\"members\">相近的问法：").Append(string.Join("；", g.Members.Skip(1).Take(5).Select(m => E(m.Question)))).Append(g.Members.Count > 6 ? "…" : "").Append("</p>");
            }

            if (now.Answered)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"fixed\">现在已能回答：<strong>{E(now.Text)}</strong></p>");
            }
            else
            {
                body.Append("<ol class=\"closest\">");
                foreach (var p in now.Passages)
                {
                    body.Append("<li>").Append(PassageItem(p)).Append("</li>");
                }

                body.Append("</ol>").Append(CultureInfo.InvariantCulture, $"<p><a class=\"fix\" href=\"/admin/fix?q={Uri.EscapeDataString(question)}\">找答案</a></p>");
            }

            body.Append("</section>");
        }

        body.Append(Pager("/admin/refused", context.Request.Query, page, pages));
        return Results.Content(Layout("未回答的问题", "未回答", body.ToString(), tokens), Html);
    }

    private static IResult Feedback(HttpContext context, EditorialLog log, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var filter = Filter(context.Request.Query, store, defaultDays: null);
        var page = store.Votes(filter, "dislike", PageNumber(context), PageSize);
        var body = new StringBuilder(FilterForm("/admin/feedback", filter, store.Channels(), withOutcome: false));
        body.Append(CultureInfo.InvariantCulture, $"<p>共 {page.Total} 个差评。</p><table class=\"votes\"><thead><tr><th>时间</th><th>问题</th><th>回答</th><th>反馈</th></tr></thead><tbody>");
        foreach (var v in page.Rows)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(store, v.Time)}</td><td>{E(v.Question)}</td><td>{E(v.Answer ?? "（未回答）")}</td><td>{E(v.Feedback)}</td></tr>");
        }

        body.Append("</tbody></table>").Append(Pager("/admin/feedback", context.Request.Query, page.Page, page.Pages));
        return Results.Content(Layout("差评", "差评", body.ToString(), tokens), Html);
    }

    /// <summary>
    /// From a refused question to an alias: the closest passages; the one the editor picks; the aliases
    /// that would make the question answered from it (each tried); and, for the alias chosen or typed,
    /// a preview of what it changes (this question and the recent refused ones) before it is saved.
    /// </summary>
    private static async Task<IResult> FixAsync(HttpContext context, EditorialLog log, EngineHolder engines, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var query = context.Request.Query;
        var question = Limit(query["q"].ToString(), Limits.MaxQuestionLength);
        if (string.IsNullOrWhiteSpace(question))
        {
            return Results.Content(Layout("找答案", "未回答", "<p>请从<a href=\"/admin/refused\">未回答的问题</a>中选一个。</p>", tokens), Html, statusCode: 400);
        }

        var passageId = query["passage"].ToString();
        var engine = await engines.GetAsync(context.RequestAborted);
        var aliases = log.Aliases;
        var now = engine.Try(aliases.Rewrite(question));
        string self = "/admin/fix?q=" + Uri.EscapeDataString(question);
        var body = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<p class=\"question\">问题：<strong>{E(question)}</strong></p>"));
        body.Append(now.Answered
            ? $"<p class=\"fixed\">现在的回答：<strong>{E(now.Text)}</strong></p>"
            : "<p>现在：<span class=\"refused\">未回答</span>。下面是最接近的段落；哪一段有答案，就选哪一段。</p>");

        // The passage that answers may not be among the question's closest (the question's own words are what
        // failed to reach it), so the editor can also search the articles with words of their own; the search
        // stays in every link so the passage picked from it stays on the page.
        var find = Limit(query["find"].ToString(), MaxFindLength);
        if (find.Length > 0)
        {
            self += "&find=" + Uri.EscapeDataString(find);
        }

        body.Append(PassageChoices("closest", now.Passages, passageId, self));
        body.Append("<form method=\"get\" action=\"/admin/fix\" class=\"find\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"q\" value=\"{E(question)}\">")
            .Append(CultureInfo.InvariantCulture, $"<label>答案不在上面？用文章里的说法找段落 <input name=\"find\" value=\"{E(find)}\" maxlength=\"{MaxFindLength}\"></label>")
            .Append("<button type=\"submit\">找段落</button></form>");
        if (find.Length > 0)
        {
            var found = engine.Try(find).Passages.Where(p => !now.Passages.Any(c => c.Passage.Id == p.Passage.Id)).ToList();
            body.Append(found.Count == 0
                ? $"<p class=\"found-none\">找“{E(find)}”，没有上面以外的段落。</p>"
                : PassageChoices("found", found, passageId, self));
        }

        if (!string.IsNullOrEmpty(passageId) && engine.FindPassage(passageId) is not null)
        {
            var result = AliasSuggestions.Suggest(engine, question, passageId, aliases);
            body.Append("<h2>建议的同义词</h2>");
            if (result.AlreadyAnswered)
            {
                body.Append("<p>这个问题已经从这一段得到回答，不需要同义词。</p>");
            }
            else if (result.Suggestions.Count == 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"<p>试了 {result.Tried} 组词，没有一组能让这个问题从这一段得到回答{(result.MissingWords.Count == 0 ? "（问题里的实词这一段都有，问题可能出在别处）" : "")}。也可以在下面自己填写。</p>");
            }
            else
            {
                body.Append(CultureInfo.InvariantCulture, $"<p>问题里这一段没有的词：{E(string.Join("、", result.MissingWords))}。下面每一组都试过，加上后这个问题会从这一段得到回答（共试了 {result.Tried} 组）：</p><ul class=\"suggestions\">");
                foreach (var s in result.Suggestions)
                {
                    var preview = $"{self}&passage={Uri.EscapeDataString(passageId)}&phrase={Uri.EscapeDataString(s.Alias.Phrase)}&canonical={Uri.EscapeDataString(s.Alias.Canonical)}";
                    body.Append(CultureInfo.InvariantCulture, $"<li><a class=\"suggestion\" href=\"{E(preview)}\">{E(s.Alias.Phrase)} = {E(s.Alias.Canonical)}</a> → 回答 <strong>{E(s.Answer)}</strong></li>");
                }

                body.Append("</ul>");
            }
        }

        // The editor's own pair, or the suggestion picked: preview, then save.
        string phrase = Limit(query["phrase"].ToString(), 40), canonical = Limit(query["canonical"].ToString(), 40);
        body.Append("<h2>同义词</h2>")
            .Append("<form method=\"get\" action=\"/admin/fix\" class=\"alias\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"q\" value=\"{E(question)}\"><input type=\"hidden\" name=\"passage\" value=\"{E(passageId)}\"><input type=\"hidden\" name=\"find\" value=\"{E(find)}\">")
            .Append(CultureInfo.InvariantCulture, $"<label>大家的说法 <input name=\"phrase\" value=\"{E(phrase)}\" maxlength=\"{EditorAliases.MaxLength}\"></label> = ")
            .Append(CultureInfo.InvariantCulture, $"<label>文章里的用词 <input name=\"canonical\" value=\"{E(canonical)}\" maxlength=\"{EditorAliases.MaxLength}\"></label>")
            .Append("<button type=\"submit\">预览</button></form>");
        if (phrase.Length > 0 || canonical.Length > 0)
        {
            body.Append(Preview(engine, store, aliases, question, phrase, canonical, self, tokens));
        }

        return Results.Content(Layout("找答案", "未回答", body.ToString(), tokens), Html);
    }

    /// <summary>The longest search the fix page runs for the editor: a few words, not a question.</summary>
    private const int MaxFindLength = 50;

    /// <summary>A list of passages, each with a link that picks it as the one holding the answer (or marked as picked).</summary>
    private static string PassageChoices(string cssClass, IEnumerable<QuotedPassage> passages, string passageId, string self)
    {
        var sb = new StringBuilder("<ol class=\"").Append(cssClass).Append("\">");
        foreach (var p in passages)
        {
            var chosen = p.Passage.Id == passageId;
            sb.Append(CultureInfo.InvariantCulture, $"<li{(chosen ? " class=\"chosen\"" : "")}>").Append(PassageItem(p, 200))
                .Append(chosen ? " <strong>（已选）</strong>" : $" <a class=\"choose\" href=\"{E(self)}&amp;passage={Uri.EscapeDataString(p.Passage.Id)}\">这一段有答案</a>")
                .Append("</li>");
        }

        return sb.Append("</ol>").ToString();
    }

    /// <summary>What an alias would change, shown before it is saved: this question's answer, and which recent refused questions it would now answer.</summary>
    private static string Preview(QaEngine engine, EditorialStore store, EditorAliases aliases, string question, string phrase, string canonical, string back, AntiforgeryTokenSet tokens)
    {
        if (EditorAliases.Problem(phrase, canonical) is { } problem)
        {
            return $"<p class=\"problem\" role=\"alert\">{E(problem)}</p>";
        }

        var alias = EditorAliases.Normalize(new EditorAlias(phrase, canonical));
        var with = aliases.With(alias);
        var answer = engine.Try(with.Rewrite(question));
        var sb = new StringBuilder("<section class=\"preview\"><h3>预览：").Append(E(alias.ToString())).Append("</h3>");
        sb.Append(answer.Answered
            ? $"<p>这个问题会被理解为“{E(with.Rewrite(question))}”，回答 <strong class=\"would-answer\">{E(answer.Text)}</strong>。</p>"
            : $"<p>加上后这个问题仍然<span class=\"refused\">不能回答</span>（理解为“{E(with.Rewrite(question))}”）。</p>");

        // The recent refused questions the alias touches, asked again with it.
        var recent = store.Refused(new LogFilter(From: store.DayOf(DateTimeOffset.UtcNow.AddDays(-30))), 500);
        var changed = recent.Where(r => with.Rewrite(r.Question) != aliases.Rewrite(r.Question)).Take(50)
            .Select(r => (r.Question, Answer: engine.Try(with.Rewrite(r.Question), 1))).ToList();
        var answered = changed.Where(c => c.Answer.Answered).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<p>最近 30 天未回答的问题中，有 {changed.Count} 个包含“{E(alias.Phrase)}”，其中 {answered.Count} 个加上后能回答：</p><ul class=\"would-answer-list\">");
        foreach (var (q, a) in answered)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li>{E(q)} → <strong>{E(a.Text)}</strong></li>");
        }

        sb.Append("</ul><form method=\"post\" action=\"/admin/synonyms/add\">").Append(Csrf(tokens))
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"phrase\" value=\"{E(alias.Phrase)}\"><input type=\"hidden\" name=\"canonical\" value=\"{E(alias.Canonical)}\"><input type=\"hidden\" name=\"question\" value=\"{E(question)}\">")
            .Append("<button type=\"submit\" class=\"save\">保存这个同义词</button></form></section>");
        return sb.ToString();
    }

    private static IResult Synonyms(HttpContext context, EditorialLog log, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var body = new StringBuilder("<p>同义词在问题被阅读之前生效：问题里的“说法”换成“文章里的用词”，回答里会显示“理解为：…”。保存后立即生效，不需要重启或重建索引。</p>");
        body.Append("<form method=\"post\" action=\"/admin/synonyms/add\" class=\"alias\">").Append(Csrf(tokens))
            .Append(CultureInfo.InvariantCulture, $"<label>大家的说法 <input name=\"phrase\" required maxlength=\"{EditorAliases.MaxLength}\"></label> = <label>文章里的用词 <input name=\"canonical\" required maxlength=\"{EditorAliases.MaxLength}\"></label>")
            .Append("<button type=\"submit\">添加</button></form>");
        var aliases = store.Aliases();
        body.Append(CultureInfo.InvariantCulture, $"<h2>现有 {aliases.Count} 个</h2><table class=\"aliases\"><thead><tr><th>大家的说法</th><th>文章里的用词</th><th>添加时间</th><th></th></tr></thead><tbody>");
        foreach (var a in aliases)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(a.Phrase)}</td><td>{E(a.Canonical)}</td><td>{Time(store, a.Added)}</td><td><form method=\"post\" action=\"/admin/synonyms/remove\">{Csrf(tokens)}<input type=\"hidden\" name=\"phrase\" value=\"{E(a.Phrase)}\"><button type=\"submit\">删除</button></form></td></tr>");
        }

        body.Append("</tbody></table>");
        body.Append("<h2>导出与导入</h2><p><a href=\"/admin/synonyms.txt\" download>导出为文本文件</a>（每行一个：<code>说法 = 原文用词</code>，可以放进版本库）。</p>")
            .Append("<form method=\"post\" action=\"/admin/synonyms/import\" class=\"import\">").Append(Csrf(tokens))
            .Append("<label>粘贴文本文件的内容导入（同一说法会被覆盖）<textarea name=\"text\" rows=\"6\" maxlength=\"200000\"></textarea></label><button type=\"submit\">导入</button></form>");
        return Results.Content(Layout("同义词", "同义词", body.ToString(), tokens, Notice(context)), Html);
    }

    private static IResult SynonymsFile(EditorialLog log) => log.Store is not { } store
        ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
        : Results.Text(EditorAliases.Format(store.Aliases().Select(a => new EditorAlias(a.Phrase, a.Canonical))), "text/plain; charset=utf-8");

    private static Task<IResult> AddSynonymAsync(HttpContext context, EditorialLog log, IAntiforgery antiforgery) =>
        ChangeAliasesAsync(context, log, antiforgery, async (store, form) =>
        {
            string phrase = form["phrase"].ToString(), canonical = form["canonical"].ToString();
            if (EditorAliases.Problem(phrase, canonical) is { } problem)
            {
                return "没有添加：" + problem;
            }

            var alias = EditorAliases.Normalize(new EditorAlias(phrase, canonical));
            var from = Limit(form["question"].ToString(), Limits.MaxQuestionLength);
            await store.AddAliasAsync(alias.Phrase, alias.Canonical, alias + (from.Length > 0 ? $"（来自未回答的问题：{from}）" : ""), Client(context), context.RequestAborted);
            return $"已添加：{alias}，立即生效。";
        });

    private static Task<IResult> RemoveSynonymAsync(HttpContext context, EditorialLog log, IAntiforgery antiforgery) =>
        ChangeAliasesAsync(context, log, antiforgery, async (store, form) =>
        {
            var phrase = Limit(form["phrase"].ToString(), 40);
            if (store.Aliases().FirstOrDefault(a => a.Phrase == phrase) is not { } existing)
            {
                return "没有这个同义词，可能已经删除。";
            }

            await store.RemoveAliasAsync(phrase, $"{existing.Phrase} = {existing.Canonical}", Client(context), context.RequestAborted);
            return $"已删除：{existing.Phrase} = {existing.Canonical}";
        });

    private static Task<IResult> ImportSynonymsAsync(HttpContext context, EditorialLog log, IAntiforgery antiforgery) =>
        ChangeAliasesAsync(context, log, antiforgery, async (store, form) =>
        {
            var (aliases, problems) = EditorAliases.Parse(new StringReader(Limit(form["text"].ToString(), 200_000)));
            if (aliases.Count > 0)
            {
                await store.ImportAliasesAsync([.. aliases.Select(a => (a.Phrase, a.Canonical))], $"导入 {aliases.Count} 个：" + Limit(string.Join("；", aliases), 1500), Client(context), context.RequestAborted);
            }

            return $"导入了 {aliases.Count} 个同义词。" + (problems.Count == 0 ? "" : $"{problems.Count} 行没有导入：" + string.Join("；", problems.Take(5)) + (problems.Count > 5 ? "…" : ""));
        });

    /// <summary>
    /// An editor's change to the aliases: the form's CSRF token checked, the change made (it returns the
    /// notice to show), the aliases put in force at once, and back to the list.
    /// </summary>
    private static async Task<IResult> ChangeAliasesAsync(HttpContext context, EditorialLog log, IAntiforgery antiforgery, Func<EditorialStore, IFormCollection, Task<string>> change)
    {
        if (!await ValidCsrfAsync(context, antiforgery))
        {
            return BadForm();
        }

        if (log.Store is not { } store)
        {
            return Unavailable(log, antiforgery.GetAndStoreTokens(context));
        }

        var notice = await change(store, await context.Request.ReadFormAsync());
        log.ReloadAliases();
        return Results.Redirect("/admin/synonyms?notice=" + Uri.EscapeDataString(notice));
    }

    private static IResult Audit(HttpContext context, EditorialLog log, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (log.Store is not { } store)
        {
            return Unavailable(log, tokens);
        }

        var body = new StringBuilder("<table class=\"audit\"><thead><tr><th>时间</th><th>操作</th><th>内容</th><th>来源地址</th></tr></thead><tbody>");
        foreach (var a in store.Audit(500))
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(store, a.Time)}</td><td>{E(ActionName(a.Action))}</td><td>{E(a.Detail)}</td><td>{E(a.Client)}</td></tr>");
        }

        body.Append("</tbody></table>");
        return Results.Content(Layout("变更记录", "变更记录", body.ToString(), tokens), Html);
    }

    private static IResult Summary(HttpContext context, EditorialLog log)
    {
        if (log.Store is not { } store)
        {
            return Results.Json(new { error = log.Error }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var filter = Filter(context.Request.Query, store, defaultDays: 30);
        var t = store.Totals(filter);
        return Results.Json(new
        {
            from = filter.From,
            to = filter.To,
            questions = t.Questions,
            answered = t.Answered,
            refused = t.Refused,
            likes = t.Likes,
            dislikes = t.Dislikes,
            daily = store.Daily(filter).Select(d => new { day = d.Day, answered = d.Answered, refused = d.Refused }),
        });
    }

    // ------------------------------------------------------------ helpers

    private static LogFilter Filter(IQueryCollection query, EditorialStore store, int? defaultDays)
    {
        // A date outside the years a log can hold is no filter at all, not an error.
        DateOnly? Date(string name) => DateOnly.TryParseExact(query[name].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100 ? d : null;
        var from = Date("from");
        var to = Date("to");
        if (from is null && to is null && defaultDays is { } days)
        {
            to = store.DayOf(DateTimeOffset.UtcNow);
            from = to.Value.AddDays(1 - days);
        }

        bool? outcome = query["outcome"].ToString() switch { "answered" => true, "refused" => false, _ => null };
        var channel = Limit(query["channel"].ToString(), 40);
        return new LogFilter(from, to, channel.Length == 0 ? null : channel, Limit(query["q"].ToString(), 100), outcome);
    }

    private static int PageNumber(HttpContext context) =>
        int.TryParse(context.Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 1_000_000 ? p : 1;

    private static string Stat(string label, long value, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"<p class=\"stat\" id=\"stat-{id}\"><span>{label}</span><strong>{value}</strong></p>");

    private static string? Notice(HttpContext context) => context.Request.Query["notice"].ToString() is { Length: > 0 } n ? Limit(n, 600) : null;

    private static async Task<bool> ValidCsrfAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static IResult BadForm() =>
        Results.Json(new { error = "表单已过期或来源不对，请刷新页面后再试。", errorEn = "Missing or invalid CSRF token." }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult Unavailable(EditorialLog log, AntiforgeryTokenSet tokens) =>
        Results.Content(Layout("日志不可用", "", $"<p class=\"problem\">问题日志现在不可用：{E(log.Error)}。机器人照常回答，但不记录问题和评价。</p>", tokens), Html, statusCode: 503);

    private static async Task AuditAsync(EditorialLog log, string action, string detail, HttpContext context)
    {
        if (log.Store is { } store)
        {
            await store.AuditAsync(action, detail, Client(context), context.RequestAborted);
        }
    }

    private static string? Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static string ActionName(string action) => action switch
    {
        "alias.add" => "添加同义词",
        "alias.remove" => "删除同义词",
        "alias.import" => "导入同义词",
        "signin" => "登录",
        "signin.refused" => "登录失败",
        _ => action,
    };

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell starting with = + - @ is run as a formula by spreadsheets: keep it text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Limit(string? text, int max) => text is null ? "" : text.Length <= max ? text.Trim() : text[..max].Trim();
}
