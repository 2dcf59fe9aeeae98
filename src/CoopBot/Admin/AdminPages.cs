using System.Globalization;
using System.Net;
using System.Text;
using CoopBot.Editorial;
using CoopBot.Engine.Answering;
using Microsoft.AspNetCore.Antiforgery;

namespace CoopBot.Admin;

/// <summary>
/// The console's pages, rendered on the server as plain HTML in Chinese: no script at all, the chart
/// is SVG drawn here, styles come from /css/admin.css, so the site's Content-Security-Policy holds
/// unchanged. Every value from the log is HTML-encoded.
/// </summary>
public static class AdminPages
{
    /// <summary>The sign-in page; <paramref name="problem"/> says why the last attempt failed.</summary>
    public static string SignIn(AntiforgeryTokenSet tokens, string? problem) => Document("登录 · CoopBot 编辑后台", $"""
        <main class="signin">
          <h1>CoopBot 编辑后台</h1>
          <p>请输入管理员配置的后台密钥（<code>CoopBot:Admin:Key</code>）。</p>
          {(problem is null ? "" : $"<p class=\"problem\" role=\"alert\">{E(problem)}</p>")}
          <form method="post" action="/admin/signin">
            {Csrf(tokens)}
            <label>后台密钥 <input type="password" name="key" autocomplete="current-password" required autofocus></label>
            <button type="submit">登录</button>
          </form>
        </main>
        """);

    /// <summary>A console page with the navigation; <paramref name="active"/> is the nav entry shown as current.</summary>
    public static string Layout(string title, string active, string body, AntiforgeryTokenSet tokens, string? notice = null)
    {
        var nav = new StringBuilder("<nav class=\"admin-nav\"><span class=\"brand\">CoopBot 编辑后台</span>");
        foreach (var (href, label) in new[] { ("/admin", "概览"), ("/admin/questions", "全部问题"), ("/admin/refused", "未回答"), ("/admin/feedback", "差评"), ("/admin/synonyms", "同义词"), ("/admin/audit", "变更记录") })
        {
            nav.Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\"{(label == active ? " aria-current=\"page\"" : "")}>{label}</a>");
        }

        nav.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/admin/signout\" class=\"signout\">{Csrf(tokens)}<button type=\"submit\">退出</button></form></nav>");
        var note = notice is null ? "" : $"<p class=\"notice\" role=\"status\">{E(notice)}</p>";
        return Document(title + " · CoopBot 编辑后台", $"{nav}<main class=\"admin\"><h1>{E(title)}</h1>{note}{body}</main>");
    }

    /// <summary>The filter form shared by the log pages (dates, channel, text, outcome).</summary>
    public static string FilterForm(string action, LogFilter f, IReadOnlyList<string> channels, bool withOutcome, bool withText = true)
    {
        var sb = new StringBuilder($"<form method=\"get\" action=\"{action}\" class=\"filter\">");
        sb.Append(CultureInfo.InvariantCulture, $"<label>从 <input type=\"date\" name=\"from\" value=\"{Day(f.From)}\"></label>");
        sb.Append(CultureInfo.InvariantCulture, $"<label>到 <input type=\"date\" name=\"to\" value=\"{Day(f.To)}\"></label>");
        sb.Append("<label>渠道 <select name=\"channel\"><option value=\"\">全部</option>");
        foreach (var c in channels)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(c)}\"{(c == f.Channel ? " selected" : "")}>{E(ChannelName(c))}</option>");
        }

        sb.Append("</select></label>");
        if (withText)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<label>包含 <input type=\"search\" name=\"q\" value=\"{E(f.Text ?? "")}\" placeholder=\"问题里的字词\"></label>");
        }

        if (withOutcome)
        {
            sb.Append("<label>结果 <select name=\"outcome\">")
                .Append(CultureInfo.InvariantCulture, $"<option value=\"\">全部</option><option value=\"answered\"{(f.Outcome == true ? " selected" : "")}>已回答</option><option value=\"refused\"{(f.Outcome == false ? " selected" : "")}>未回答</option>")
                .Append("</select></label>");
        }

        return sb.Append("<button type=\"submit\">筛选</button></form>").ToString();
    }

    /// <summary>
    /// Questions per day as stacked bars (answered below, refused above), plain SVG: no script, no
    /// inline style, so it renders under the site's policy. Each bar carries its figures as a title.
    /// </summary>
    public static string DailyChart(IReadOnlyList<DayCount> days)
    {
        if (days.Count == 0)
        {
            return "<p class=\"empty\">这段时间没有问题。</p>";
        }

        const int width = 760, height = 220, left = 40, bottom = 28, top = 10;
        long max = Math.Max(1, days.Max(d => d.Answered + d.Refused));
        double slot = (width - left) / (double)days.Count;
        double bar = Math.Max(1, slot * 0.7);
        double plot = height - bottom - top;
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><svg role=\"img\" aria-label=\"每天的问题数（已回答与未回答）\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"));
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{left - 4}\" y=\"{top + 10}\" text-anchor=\"end\">{max}</text><text class=\"tick\" x=\"{left - 4}\" y=\"{height - bottom}\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < days.Count; i++)
        {
            var d = days[i];
            double x = left + i * slot + (slot - bar) / 2;
            double ha = plot * d.Answered / max, hr = plot * d.Refused / max;
            double y0 = height - bottom;
            sb.Append(CultureInfo.InvariantCulture, $"<g><title>{d.Day:yyyy-MM-dd}：已回答 {d.Answered}，未回答 {d.Refused}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"answered\" x=\"{x:0.#}\" y=\"{y0 - ha:0.#}\" width=\"{bar:0.#}\" height=\"{ha:0.#}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"refused\" x=\"{x:0.#}\" y=\"{y0 - ha - hr:0.#}\" width=\"{bar:0.#}\" height=\"{hr:0.#}\"/></g>");
        }

        foreach (var i in new[] { 0, days.Count / 2, days.Count - 1 }.Distinct())
        {
            double x = left + i * slot + slot / 2;
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x:0.#}\" y=\"{height - 8}\" text-anchor=\"middle\">{days[i].Day:MM-dd}</text>");
        }

        sb.Append("</svg><figcaption><span class=\"key answered\"></span>已回答 <span class=\"key refused\"></span>未回答</figcaption></figure>");
        return sb.ToString();
    }

    /// <summary>Links to the other pages of a paged list, keeping the filter.</summary>
    public static string Pager(string path, IQueryCollection query, int page, int pages)
    {
        if (pages <= 1)
        {
            return "";
        }

        string Link(int p)
        {
            var q = query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}")).Append($"page={p}");
            return path + "?" + string.Join("&", q);
        }

        var sb = new StringBuilder("<nav class=\"pager\">");
        if (page > 1)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(Link(page - 1))}\">上一页</a>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<span>第 {page} / {pages} 页</span>");
        if (page < pages)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(Link(page + 1))}\">下一页</a>");
        }

        return sb.Append("</nav>").ToString();
    }

    /// <summary>A passage as the console lists it: its article, an excerpt, a link to it.</summary>
    public static string PassageItem(QuotedPassage p, int max = 120)
    {
        var text = p.Passage.Text.Length > max ? p.Passage.Text[..max] + "…" : p.Passage.Text;
        return $"<a href=\"{E(p.Passage.Url)}\" target=\"_blank\" rel=\"noopener\">《{E(p.Passage.ArticleTitle)}》</a> {E(text)}";
    }

    /// <summary>The readable name of a channel id.</summary>
    public static string ChannelName(string channel) => channel switch
    {
        "msteams" => "Teams",
        "directline" => "网页聊天",
        "webchat" => "网页聊天",
        "emulator" => "模拟器",
        "api" => "API",
        _ => channel,
    };

    /// <summary>The hidden field that carries the form's CSRF token.</summary>
    public static string Csrf(AntiforgeryTokenSet tokens) => $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken ?? "")}\">";

    /// <summary>HTML-encodes.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A time in the console's zone, to the minute.</summary>
    public static string Time(EditorialStore store, DateTimeOffset t) => store.Local(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Document(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="robots" content="noindex">
          <title>{E(title)}</title>
          <link rel="icon" href="/favicon.ico">
          <link rel="stylesheet" href="/css/site.css">
          <link rel="stylesheet" href="/css/admin.css">
        </head>
        <body class="admin-page">
        {body}
        </body>
        </html>
        """;
}
