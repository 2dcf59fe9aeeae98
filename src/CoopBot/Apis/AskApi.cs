using CoopBot.Bot;
using CoopBot.Hosting;
using CoopBot.Rendering;

namespace CoopBot.Apis;

/// <summary>GET /api/ask (the same JSON as <c>ask --jsonl</c>) and GET /healthz.</summary>
public static class AskApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ask", async (string? q, EngineHolder engines, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return Results.Json(new { error = "Ask with ?q=<question>, for example /api/ask?q=两省对口合作的总签约额是多少" }, AnswerJson.Options, statusCode: 400);
            }

            if (q.Length > CoopBotHandler.MaxQuestionLength)
            {
                return Results.Json(new { error = $"The question is longer than {CoopBotHandler.MaxQuestionLength} characters." }, AnswerJson.Options, statusCode: 400);
            }

            var engine = await engines.GetAsync(ct);
            return Results.Json(AnswerJson.From(engine.Ask(q)), AnswerJson.Options);
        }).RequireRateLimiting(RateLimiting.Web);

        app.MapGet("/healthz", (EngineHolder engines) => engines.IsReady
            ? Results.Json(new { status = "ready" })
            : Results.Json(new { status = engines.Error is null ? "starting" : "failed", error = engines.Error }, statusCode: 503));
        return app;
    }
}
