using System.Text;
using System.Text.Json;
using CoopBot.Core;
using Microsoft.Extensions.Options;

namespace CoopBot.Bot;

/// <summary>One vote on an answer.</summary>
/// <param name="Time">When it arrived (UTC).</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Reaction"><c>like</c> or <c>dislike</c>.</param>
/// <param name="Feedback">The text the user typed with the vote, if any.</param>
/// <param name="Question">The question the answer was for, when remembered.</param>
/// <param name="Answer">The short answer, when there was one.</param>
/// <param name="PassageIds">The passages the answer quoted.</param>
public sealed record FeedbackRecord(DateTimeOffset Time, string? ConversationId, string Reaction, string? Feedback, string? Question, string? Answer, IReadOnlyList<string> PassageIds);

/// <summary>
/// Votes appended to a JSON-lines file, one whole line per write, flushed to disk before the vote is
/// acknowledged: the file survives restarts and a crash loses at most the vote being written.
/// </summary>
public sealed class FeedbackLog(IOptions<CoopBotOptions> options, ILogger<FeedbackLog> logger)
{
    private bool _checked;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The file votes go to.</summary>
    public string Path => System.IO.Path.GetFullPath(options.Value.FeedbackFile);

    /// <summary>Appends a vote.</summary>
    public async Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            if (!_checked)
            {
                RepairTornTail();
                _checked = true;
            }

            await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
            await stream.WriteAsync(line, cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Every record is written as one line ending in a newline; a file that does not end in one was
    /// cut by a crash in mid-write. The torn record is removed, so each record is whole or absent.
    /// </summary>
    private void RepairTornTail()
    {
        if (!File.Exists(Path))
        {
            return;
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        if (stream.Length == 0)
        {
            return;
        }

        long end = stream.Length;
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n')
        {
            return;
        }

        // Walk back to the last complete line.
        long keep = end - 1;
        var one = new byte[1];
        while (keep > 0)
        {
            stream.Seek(keep - 1, SeekOrigin.Begin);
            stream.ReadExactly(one);
            if (one[0] == '\n')
            {
                break;
            }

            keep--;
        }

        stream.SetLength(keep);
        stream.Flush(flushToDisk: true);
        logger.LogWarning("Removed a feedback record cut off by an earlier crash ({Bytes} bytes) from {File}.", end - keep, Path);
    }
}
