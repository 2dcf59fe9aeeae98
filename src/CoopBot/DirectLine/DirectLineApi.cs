using System.Security.Cryptography;
using System.Text;
using CoopBot.Apis;
using CoopBot.Bot;
using CoopBot.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace CoopBot.DirectLine;

/// <summary>
/// A Direct Line 3.0 endpoint hosted by CoopBot itself at /v3/directline, so Web Chat works locally
/// with no Azure: start a conversation, post activities, poll activities with a watermark, refresh
/// tokens. Shapes follow botframework-directlinejs, which Web Chat uses.
/// </summary>
public static class DirectLineApi
{
    // EscapeHtml: text a user typed (HTML, script) comes back inert whatever renders it.
    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, StringEscapeHandling = StringEscapeHandling.EscapeHtml };

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var dl = app.MapGroup("/v3/directline").AddEndpointFilter(RequireEnabled).RequireRateLimiting(RateLimitPolicies.Web);
        dl.MapPost("/tokens/generate", GenerateWithSecret).RequireRateLimiting(RateLimitPolicies.Tokens);
        dl.MapPost("/tokens/refresh", Refresh);
        dl.MapPost("/conversations", StartConversation);
        dl.MapGet("/conversations/{id}/activities", GetActivities);
        dl.MapPost("/conversations/{id}/activities", PostActivity);

        // The web chat page asks here for a token (Azure's pattern: a server-side token exchange).
        app.MapPost("/api/directline/token", Generate).AddEndpointFilter(RequireEnabled).RequireRateLimiting(RateLimitPolicies.Tokens);
        return app;
    }

    /// <summary>
    /// Direct Line is off when bot credentials are set without a Direct Line secret: a public
    /// deployment must not expose an unauthenticated way to the bot.
    /// </summary>
    private static async ValueTask<object?> RequireEnabled(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        bool credentials = BotCredentials.AreSet(services.GetRequiredService<IConfiguration>());
        bool secret = !string.IsNullOrEmpty(services.GetRequiredService<IOptions<CoopBotOptions>>().Value.DirectLine.Secret);
        return credentials && !secret ? Error(404, "NotFound", "Direct Line is off: set CoopBot:DirectLine:Secret to turn it on.") : await next(context);
    }

    private static IResult Generate(DirectLineStore store)
    {
        var (conversation, token) = store.Create();
        return TokenResult(conversation.Id, token);
    }

    /// <summary>Azure's tokens/generate: with a secret configured, only its holder may call it.</summary>
    private static IResult GenerateWithSecret(HttpRequest request, DirectLineStore store, IOptions<CoopBotOptions> options)
    {
        var secret = options.Value.DirectLine.Secret;
        return secret.Length > 0 && !IsSecret(Bearer(request), secret)
            ? Error(403, "Forbidden", "Generating a token needs the Direct Line secret.")
            : Generate(store);
    }

    private static bool IsSecret(string? presented, string secret) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret));

    private static IResult Refresh(HttpRequest request, DirectLineStore store)
    {
        var fresh = store.Refresh(Bearer(request));
        return fresh is { } f ? TokenResult(f.ConversationId, f.Token) : Error(403, "TokenExpired", "The token is missing, unknown or expired.");
    }

    private static async Task<IResult> StartConversation(HttpRequest request, DirectLineStore store, AdapterWithErrorHandler adapter, IBot bot, IOptions<CoopBotOptions> options, CancellationToken ct)
    {
        var token = Bearer(request);
        var conversation = store.FromToken(token);
        var secret = options.Value.DirectLine.Secret;
        if (conversation is null && secret.Length > 0 && IsSecret(token, secret))
        {
            // A client holding the secret starts a conversation directly and gets its token.
            (conversation, token) = store.Create();
        }

        if (conversation is null)
        {
            return Error(403, "BadArgument", "A valid token is required: get one from /api/directline/token.");
        }

        await conversation.TurnGate.WaitAsync(ct);
        try
        {
            if (!conversation.Started)
            {
                // As Azure's Direct Line does: tell the bot the user joined, so it can greet them.
                conversation.Started = true;
                var update = new Activity(ActivityTypes.ConversationUpdate)
                {
                    MembersAdded = [new ChannelAccount("user", "user")],
                };
                await RunTurnAsync(conversation, update, adapter, bot, request, ct, record: false);
            }
        }
        finally
        {
            conversation.TurnGate.Release();
        }

        return Results.Json(new { conversationId = conversation.Id, token, expires_in = (int)DirectLineStore.TokenLifetime.TotalSeconds }, statusCode: 201);
    }

    private static IResult GetActivities(string id, [FromQuery] string? watermark, HttpRequest request, DirectLineStore store)
    {
        var (conversation, error) = Authorize(id, request, store);
        if (conversation is null)
        {
            return error!;
        }

        int from = 0;
        if (!string.IsNullOrEmpty(watermark) && !int.TryParse(watermark, out from))
        {
            return Error(400, "BadArgument", "The watermark is not one this endpoint issued.");
        }

        var (activities, next) = conversation.Since(from);
        // The transcript holds each activity as the JSON it was serialized to once; write them as they are.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("activities");
            foreach (var activity in activities)
            {
                json.WriteRawValue(activity, skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteString("watermark", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostActivity(string id, HttpRequest request, DirectLineStore store, AdapterWithErrorHandler adapter, IBot bot, CancellationToken ct)
    {
        var (conversation, error) = Authorize(id, request, store);
        if (conversation is null)
        {
            return error!;
        }

        // The same limits as /api/messages: size, content type, nesting.
        var (body, status, problem) = await JsonRequestBody.ReadAsync(request, ct);
        if (body is null)
        {
            return Error(status, status == 413 ? "MessageSizeTooBig" : "BadArgument", problem!);
        }

        Activity? activity;
        using (body)
        {
            try
            {
                using var reader = new JsonTextReader(new StreamReader(body.AsStream(), Encoding.UTF8)) { MaxDepth = JsonRequestBody.MaxDepth };
                activity = JsonSerializer.Create(new JsonSerializerSettings { MaxDepth = JsonRequestBody.MaxDepth }).Deserialize<Activity>(reader);
            }
            catch (JsonException)
            {
                return Error(400, "BadArgument", $"The body is not a JSON activity (or nests deeper than {JsonRequestBody.MaxDepth}).");
            }
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Error(400, "BadArgument", "The body is not a JSON activity.");
        }

        await conversation.TurnGate.WaitAsync(ct);
        try
        {
            var activityId = await RunTurnAsync(conversation, activity, adapter, bot, request, ct, record: true);

            // Keeps the store within its byte budget (cheap unless over it, or once a second).
            store.Sweep();
            return Results.Json(new { id = activityId });
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    /// <summary>Records the user's activity (Azure returns it too), runs the bot, records its replies.</summary>
    private static async Task<string> RunTurnAsync(DirectLineConversation conversation, Activity activity, AdapterWithErrorHandler adapter, IBot bot, HttpRequest request, CancellationToken ct, bool record)
    {
        var user = activity.From is { Id: { Length: > 0 } } ? new ChannelAccount(Capped.To(activity.From.Id, 64), Capped.To(activity.From.Name, 64)) : new ChannelAccount("user", "user");
        activity.From = user;
        activity.Recipient = new ChannelAccount("coopbot", "CoopBot");

        // Always this channel: a Direct Line client cannot pass itself off as Teams.
        activity.ChannelId = "directline";
        activity.ServiceUrl = $"{request.Scheme}://{request.Host}/v3/directline";
        string id = record ? conversation.Append(TranscriptCopy(activity), Serialize) : $"{conversation.Id}|update";
        activity.Id = id;
        activity.Conversation = new ConversationAccount(id: conversation.Id);

        foreach (var reply in await adapter.ProcessDirectLineTurnAsync(activity, bot, ct))
        {
            reply.From ??= activity.Recipient;
            reply.Recipient ??= user;
            reply.ReplyToId ??= id;
            conversation.Append(reply, Serialize);
        }

        return id;
    }

    /// <summary>
    /// What the transcript keeps of a user's activity: type, text (capped), sender, time, and the
    /// client's own activity id, which Web Chat matches its echo by. Attachments, values and other
    /// channel data are the bot's to read in this turn, never stored.
    /// </summary>
    private static Activity TranscriptCopy(Activity activity)
    {
        var clientId = (activity.ChannelData as Newtonsoft.Json.Linq.JObject)?["clientActivityID"];
        return new Activity(activity.Type)
        {
            Text = Capped.To(activity.Text, DirectLineOptions.MaxTranscriptText),
            From = activity.From,
            // The server's time, as Azure's Direct Line stamps it (set when appended).
            Timestamp = null,
            TextFormat = activity.TextFormat is "plain" or "markdown" or "xml" ? activity.TextFormat : null,
            ChannelData = clientId?.Type == Newtonsoft.Json.Linq.JTokenType.String
                ? new Newtonsoft.Json.Linq.JObject { ["clientActivityID"] = Capped.To((string?)clientId, 128) }
                : null,
        };
    }

    private static string Serialize(Activity activity) => JsonConvert.SerializeObject(activity, Json);

    private static (DirectLineConversation? Conversation, IResult? Error) Authorize(string id, HttpRequest request, DirectLineStore store)
    {
        var exists = store.Find(id);
        if (exists is null)
        {
            return (null, Error(404, "NotFound", "No such conversation."));
        }

        var byToken = store.FromToken(Bearer(request));
        return byToken is null || byToken.Id != id
            ? (null, Error(403, "Forbidden", "This token does not open this conversation."))
            : (byToken, null);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static IResult TokenResult(string conversationId, string token) =>
        Results.Json(new { conversationId, token, expires_in = (int)DirectLineStore.TokenLifetime.TotalSeconds });

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
