using System.Text.RegularExpressions;
using CoopBot.Apis;
using CoopBot.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace CoopBot.Bot;

/// <summary>The Bot Framework endpoint: hand the request to the adapter.</summary>
public static partial class BotApi
{
    /// <summary>Maps POST /api/messages.</summary>
    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", ProcessAsync)
            .AddEndpointFilter<ActivityRequestValidation>()
            .RequireRateLimiting(RateLimitPolicies.Messages);
        return app;
    }

    private static async Task ProcessAsync(HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!BotCredentials.AreSet(configuration))
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, ct);
            return;
        }

        // With credentials every call must carry a Bot Service token. One that is not even shaped like
        // a JWT is refused here; one the validation rejects is refused below. Either way: 401 and one
        // log line, never a 500 with a stack trace (anyone can send these, as often as they like).
        var logger = loggers.CreateLogger("CoopBot.Apis.BotApi");
        if (!JwtBearer().IsMatch(http.Request.Headers.Authorization.ToString()))
        {
            logger.LogWarning("Refused a call to /api/messages from {Client}: no bearer token, or not a JWT", http.Connection.RemoteIpAddress);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        try
        {
            await adapter.ProcessAsync(http.Request, http.Response, bot, ct);
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            // Turn errors never get here (the adapter's error handler takes them): what escapes
            // ProcessAsync is the token's validation. Only the type is logged; messages can quote the token.
            logger.LogWarning("Refused a call to /api/messages from {Client}: the token did not validate ({Reason})", http.Connection.RemoteIpAddress, e.GetType().Name);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    [GeneratedRegex(@"^Bearer [A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*$")]
    private static partial Regex JwtBearer();
}
