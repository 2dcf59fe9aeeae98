using System.Net;
using CoopBot.Core;

namespace CoopBot.Apis;

/// <summary>GET /: the web chat page (Web Chat from /lib/webchat, talking to /v3/directline).</summary>
public static class ChatPage
{
    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Results.Content(Render(SecurityHeaders.Nonce(context)), "text/html; charset=utf-8"))
            .RequireRateLimiting(RateLimitPolicies.Web);
        return app;
    }

    private static string Render(string nonce) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="csp-nonce" content="{{WebUtility.HtmlEncode(nonce)}}">
          <title>CoopBot · 龙粤对口合作问答</title>
          <link rel="icon" href="/favicon.ico">
          <link rel="stylesheet" href="/css/site.css">
        </head>
        <body class="chat-page">
          <header>
            <h1>CoopBot</h1>
            <p>关于黑龙江与广东对口合作新闻报道的问答。每个回答都引用原文并附链接。</p>
          </header>
          <main id="webchat" role="main" aria-label="聊天"></main>
          <p id="webchat-error" class="error" hidden></p>
          <script src="/lib/webchat/webchat.js"></script>
          <script src="/js/chat.js"></script>
        </body>
        </html>
        """;
}
