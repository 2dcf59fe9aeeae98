using System.Text.Json;

namespace CoopBot.Apis;

/// <summary>
/// Checks a request to /api/messages before the Bot Framework adapter sees it, so that malformed input
/// gets a clear 400 or 413 instead of an exception deep in the adapter: at most 256 KB, JSON content,
/// an object nested no deeper than 64, with a type, a conversation with an id, and a sender.
/// </summary>
public sealed class ActivityRequestValidation(IConfiguration configuration) : IEndpointFilter
{
    // Without credentials nobody authenticates the caller, so nothing it names may be called.
    private readonly bool _localMode = !CoopBot.Core.BotCredentials.AreSet(configuration);

    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = JsonRequestBody.MaxBodyBytes;

    /// <summary>The deepest JSON nesting accepted (real activities nest far less).</summary>
    public const int MaxDepth = JsonRequestBody.MaxDepth;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;

        // The adapter reads the body again after the check.
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes + 1);

        var (body, status, error) = await JsonRequestBody.ReadAsync(request, context.HttpContext.RequestAborted);
        if (body is null)
        {
            return Problem(status, error!);
        }

        using (body)
        {
            error = Check(body.Span, _localMode);
            if (error is not null)
            {
                return Problem(400, error);
            }
        }

        request.Body.Position = 0;
        return await next(context);
    }

    /// <summary>What is wrong with the activity, or null.</summary>
    /// <param name="json">The body.</param>
    /// <param name="localMode">
    /// No credentials: nobody authenticates the caller, so the bot must not post replies wherever it
    /// is told. A <c>serviceUrl</c> must then be on this machine (the Teams emulator's is), and a
    /// conversation id must not be able to walk that URL's path.
    /// </param>
    public static string? Check(ReadOnlySpan<byte> json, bool localMode = false)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString()!.Length == 0)
            {
                return "The body is JSON but not an activity: it needs a \"type\".";
            }

            if (!root.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object
                || !conversation.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return "The activity needs a \"conversation\" with an \"id\".";
            }

            if (!root.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.Object)
            {
                return "The activity needs a \"from\".";
            }

            return localMode ? CheckLocal(root, id.GetString() ?? "") : null;
        }
        catch (JsonException)
        {
            return $"The body is not valid JSON (or nests deeper than {MaxDepth}).";
        }
    }

    private static string? CheckLocal(JsonElement root, string conversationId)
    {
        if (root.TryGetProperty("serviceUrl", out var serviceUrl) && serviceUrl.ValueKind != JsonValueKind.Null
            && !(serviceUrl.ValueKind == JsonValueKind.String && IsLoopbackUrl(serviceUrl.GetString())))
        {
            return "Without bot credentials (local mode) the activity's serviceUrl must be on this machine (http://localhost or 127.0.0.1); replies are never sent elsewhere.";
        }

        if (conversationId.Contains('/', StringComparison.Ordinal) || conversationId.Contains('\\', StringComparison.Ordinal) || conversationId.Contains("..", StringComparison.Ordinal))
        {
            return "The conversation id may not contain '/', '\\' or '..'.";
        }

        return null;
    }

    /// <summary>An absolute http(s) URL whose host is localhost or a loopback address.</summary>
    public static bool IsLoopbackUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase));

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
