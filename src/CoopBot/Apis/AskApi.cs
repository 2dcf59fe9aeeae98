using Microsoft.Extensions.Options;
using CoopBot.Core;
using CoopBot.Rendering;

namespace CoopBot.Apis;

/// <summary>GET /api/ask (the same JSON as <c>ask --jsonl</c>) and GET /healthz.</summary>
public static class AskApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        // One logger for the endpoint: the factory's lookup takes a lock, so not once per request.
        var log = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AskApi).FullName!);
        app.MapGet("/api/ask", async (string? q, EngineHolder engines, CoopBot.Admin.EditorialLog editorial, IOptions<CoopBotOptions> options, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                var example = options.Value.ExampleQuestion;
                return Error($"请用 ?q=问题 提问，例如 /api/ask?q={example}", $"Ask with ?q=<question>, for example /api/ask?q={example}");
            }

            if (q.Length > Limits.MaxQuestionLength)
            {
                return Error(
                    $"这个问题太长了（{q.Length} 个字）。请把问题缩短到 {Limits.MaxQuestionLength} 个字以内再问。",
                    $"The question is longer than {Limits.MaxQuestionLength} characters.");
            }

            var engine = await engines.GetAsync(ct);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var aliased = editorial.Aliases.Rewrite(q);
            var answer = engine.Ask(aliased);
            QuestionLog.Write(log, "api", answer, clock.Elapsed);
            editorial.Record("api", null, q, answer, clock.Elapsed, aliased != q ? aliased : null);
            return Results.Json(AnswerJson.From(answer, q, aliased != q ? aliased : null), AnswerJson.Options);
        }).RequireRateLimiting(RateLimitPolicies.Web);

        app.MapGet("/healthz", (EngineHolder engines) => engines.IsReady
            ? Results.Json(new { status = "ready" })
            : Results.Json(new { status = engines.Error is null ? "starting" : "failed", error = engines.Error }, statusCode: 503));
        return app;
    }

    /// <summary>A 400 with the message in Chinese, as the rest of the product speaks, and in English beside it for developers.</summary>
    private static IResult Error(string chinese, string english) =>
        Results.Json(new { error = chinese, errorEn = english }, AnswerJson.Options, statusCode: 400);
}
