using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace CoopBot.Apis;

/// <summary>The Bot Framework endpoint: hand the request to the adapter.</summary>
public static class BotApi
{
    /// <summary>Maps POST /api/messages.</summary>
    public static IEndpointRouteBuilder MapBotApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken ct) =>
            adapter.ProcessAsync(request, response, bot, ct))
            .AddEndpointFilter<ActivityRequestValidation>();
        return app;
    }
}
