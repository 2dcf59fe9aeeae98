using System.Net;
using System.Text;
using CoopBot.Engine.Ingestion;
using CoopBot.Core;

namespace CoopBot.Apis;

/// <summary>GET /articles/{id}: an article as a readable page, every passage anchored by its id.</summary>
public static class ArticlePages
{
    /// <summary>
    /// The server normalises <c>/articles/%2E%2E</c> to <c>/</c> before routing; a request that reached for
    /// a parent folder under /articles is a path trick, and gets 404 rather than some other page.
    /// </summary>
    public static IApplicationBuilder UseArticlePathGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "";
        var path = Uri.UnescapeDataString(raw.Split('?', 2)[0]);
        if (path.StartsWith("/articles/", StringComparison.OrdinalIgnoreCase)
            && (path.Contains("..", StringComparison.Ordinal) || path.Contains('\\') || path[10..].Contains('/') || path.Any(char.IsControl)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page("没有找到这篇文章", "<p>没有找到这篇文章。<a href=\"/\">返回 CoopBot</a></p>"));
            return;
        }

        await next();
    });

    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapArticlePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/articles/{id}", async (string id, string? p, string? a, EngineHolder engines, CancellationToken ct) =>
        {
            var engine = await engines.GetAsync(ct);
            var article = engine.FindArticle(id);
            return article is null
                ? Results.Content(Page("没有找到这篇文章", "<p>没有找到这篇文章。<a href=\"/\">返回 CoopBot</a></p>"), "text/html; charset=utf-8", statusCode: 404)
                : Results.Content(Render(article, p, a, PagePosition(engine.ArticlesOnPage(article.Source), article)), "text/html; charset=utf-8");
        }).RequireRateLimiting(RateLimitPolicies.Web);
        return app;
    }

    /// <summary>Where an article stands on its printed page: its place among the articles from the same page file, and how many there are.</summary>
    public static (int Position, int Count) PagePosition(IReadOnlyList<Article> onPage, Article article) =>
        (onPage.ToList().FindIndex(x => x.Id == article.Id) + 1, onPage.Count);

    /// <summary>The article page; passage <paramref name="highlight"/> is highlighted with <paramref name="answer"/> marked in it.</summary>
    public static string Render(Article article, string? highlight, string? answer, (int Position, int Count) onPage)
    {
        var body = new StringBuilder();
        body.Append("<article>");
        foreach (var banner in article.Blocks.Where(b => b.Kind == BlockKind.Banner))
        {
            body.Append("<p class=\"banner\">").Append(E(banner.Text)).Append("</p>");
        }

        body.Append("<h1>").Append(E(article.Title)).Append("</h1>");
        if (PageParser.BylinePassage(article) is { } byline)
        {
            // The byline answers "who wrote it" and is quoted and linked like a paragraph.
            bool litByline = byline.Id == highlight;
            body.Append("<p id=\"").Append(E(byline.Id)).Append("\" class=\"byline").Append(litByline ? " highlight" : "").Append("\">")
                .Append(litByline ? Marked(byline.Text, answer) : E(byline.Text)).Append("</p>");
        }

        if (article.Published is { } published)
        {
            body.Append("<p class=\"published\"><time datetime=\"").Append(published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("\">")
                .Append(PublicationDate.Chinese(published)).Append("</time></p>");
        }

        foreach (var block in article.Blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Heading:
                    body.Append("<h2>").Append(E(block.Text)).Append("</h2>");
                    break;
                case BlockKind.Caption when block.PassageId is not null:
                    bool litCaption = block.PassageId == highlight;
                    body.Append("<p id=\"").Append(E(block.PassageId)).Append("\" class=\"caption").Append(litCaption ? " highlight" : "").Append("\">")
                        .Append(litCaption ? Marked(block.Text, answer) : E(block.Text))
                        .Append(" <a class=\"anchor\" href=\"#").Append(E(block.PassageId)).Append("\" aria-label=\"链接到本段\">#</a></p>");
                    break;
                case BlockKind.Caption:
                    body.Append("<p class=\"caption\">").Append(E(block.Text)).Append("</p>");
                    break;
                case BlockKind.Credit:
                    body.Append("<p class=\"credit\">").Append(E(block.Text)).Append("</p>");
                    break;
                case BlockKind.Paragraph:
                    bool lit = block.PassageId == highlight;
                    body.Append("<p id=\"").Append(E(block.PassageId!)).Append("\" class=\"passage").Append(lit ? " highlight" : "").Append("\">")
                        .Append(lit ? Marked(block.Text, answer) : E(block.Text))
                        .Append(" <a class=\"anchor\" href=\"#").Append(E(block.PassageId!)).Append("\" aria-label=\"链接到本段\">#</a></p>");
                    break;
            }
        }

        // Readers cite the article and where it was printed; the seed's file name means nothing to them.
        body.Append("<footer class=\"source\"><p>本文：《").Append(E(article.Title)).Append("》");
        if (article.Byline is not null)
        {
            body.Append("，").Append(E(article.Byline.TrimStart('□', ' ')));
        }

        body.Append("。</p><p>");
        body.Append(onPage.Count > 1 ? $"原载同一版面，为该版 {onPage.Count} 篇文章中的第 {onPage.Position} 篇。" : "原载一个版面，该版仅此一篇。");
        body.Append("</p></footer></article>");
        return Page(article.Title, body.ToString());
    }

    private static string Marked(string text, string? answer)
    {
        int at = string.IsNullOrEmpty(answer) ? -1 : text.IndexOf(answer, StringComparison.Ordinal);
        return at < 0 ? E(text) : E(text[..at]) + "<mark>" + E(answer!) + "</mark>" + E(text[(at + answer!.Length)..]);
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<title>" + E(title) + " - CoopBot</title><link rel=\"icon\" href=\"/favicon.ico\"><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
        "<body class=\"article-page\"><nav><a href=\"/\">CoopBot 问答</a></nav><main>" + body + "</main></body></html>";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
