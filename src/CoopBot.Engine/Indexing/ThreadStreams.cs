using Lucene.Net.Analysis;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// One token stream of a kind per thread and field name, for fields whose tokens are known before
/// they are written (<see cref="AnalyzedText.Field"/>, <see cref="KeywordField"/>).
/// </summary>
/// <remarks>
/// Why: each new Lucene token stream creates its attributes through Lucene's attribute factory, whose
/// class cache is behind a lock, and recomputes its attribute state on every token. With a new stream
/// for every field of every document, the build's threads spent about a tenth of its CPU time waiting
/// on that lock (dotnet-trace of a 100 MB build). Reuse is safe: the writer inverts one field at a
/// time on a thread and is done with its stream (End, Dispose) before the next.
/// </remarks>
internal static class ThreadStreams<T>
    where T : TokenStream, new()
{
    [ThreadStatic]
    private static Dictionary<string, T>? t_streams;

    /// <summary>This thread's stream for <paramref name="field"/>.</summary>
    public static T For(string field)
    {
        var streams = t_streams ??= new Dictionary<string, T>(StringComparer.Ordinal);
        if (!streams.TryGetValue(field, out var stream))
        {
            streams[field] = stream = new T();
        }

        return stream;
    }
}
