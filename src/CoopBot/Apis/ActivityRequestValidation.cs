using System.Buffers;
using System.Text.Json;

namespace CoopBot.Apis;

/// <summary>
/// Checks a request to /api/messages before the Bot Framework adapter sees it, so that malformed input
/// gets a clear 400 or 413 instead of an exception deep in the adapter: at most 256 KB, JSON content,
/// an object nested no deeper than 64, with a type, a conversation with an id, and a sender.
/// </summary>
public sealed class ActivityRequestValidation : IEndpointFilter
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted (real activities nest far less).</summary>
    public const int MaxDepth = 64;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem(413, $"The request body is larger than {MaxBodyBytes / 1024} KB.");
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(400, "The request body must be a JSON activity (Content-Type: application/json).");
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes + 1);

        // A pooled buffer: a fresh 256 KB array per request would land on the large object heap,
        // and under load those allocations cost blocking gen-2 collections.
        var body = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            int read = 0, n;
            try
            {
                while (read <= MaxBodyBytes && (n = await request.Body.ReadAsync(body.AsMemory(read, MaxBodyBytes + 1 - read), context.HttpContext.RequestAborted)) > 0)
                {
                    read += n;
                }
            }
            catch (IOException)
            {
                return Problem(413, $"The request body is larger than {MaxBodyBytes / 1024} KB.");
            }

            if (read > MaxBodyBytes)
            {
                return Problem(413, $"The request body is larger than {MaxBodyBytes / 1024} KB.");
            }

            var error = Check(body.AsSpan(0, read));
            if (error is not null)
            {
                return Problem(400, error);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        request.Body.Position = 0;
        return await next(context);
    }

    /// <summary>What is wrong with the activity, or null.</summary>
    public static string? Check(ReadOnlySpan<byte> json)
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

            return null;
        }
        catch (JsonException)
        {
            return $"The body is not valid JSON (or nests deeper than {MaxDepth}).";
        }
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
