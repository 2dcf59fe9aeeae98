using System.Buffers;

namespace CoopBot.Apis;

/// <summary>
/// Reads a JSON request body within the limits every activity endpoint shares (/api/messages and
/// Direct Line): <c>Content-Type: application/json</c> and at most <see cref="MaxBodyBytes"/>. The body
/// lands in a pooled buffer that the caller returns with <see cref="Dispose"/>: a fresh 256 KB array
/// per request would go to the large object heap, and under load cost blocking gen-2 collections.
/// </summary>
public sealed class JsonRequestBody : IDisposable
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted (real activities nest far less).</summary>
    public const int MaxDepth = 64;

    private byte[]? _buffer;

    private JsonRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>How many bytes were read.</summary>
    public int Length { get; }

    /// <summary>The body.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The body as a read-only stream (no copy).</summary>
    public Stream AsStream() => new MemoryStream(_buffer!, 0, Length, writable: false);

    /// <summary>
    /// Reads the body, or says why not: 413 past the size limit (by header or by what arrives), 400 for
    /// another content type. Never reads more than one byte past the limit.
    /// </summary>
    public static async Task<(JsonRequestBody? Body, int Status, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status400BadRequest, "The request body must be a JSON activity (Content-Type: application/json).");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        int read = 0, n;
        try
        {
            while (read <= MaxBodyBytes && (n = await request.Body.ReadAsync(buffer.AsMemory(read, MaxBodyBytes + 1 - read), cancellationToken)) > 0)
            {
                read += n;
            }
        }
        catch (IOException)
        {
            // Kestrel's own body limits surface here.
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        if (read > MaxBodyBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        return (new JsonRequestBody(buffer, read), 0, null);
    }

    private static string TooLarge => $"The request body is larger than {MaxBodyBytes / 1024} KB.";

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
