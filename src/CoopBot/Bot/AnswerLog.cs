using System.Collections.Concurrent;

namespace CoopBot.Bot;

/// <summary>
/// The answers sent recently, by the id of the message that carried them, so that a Teams vote (which
/// names only that id) can be recorded with its question, answer and passages. Kept apart from
/// conversation state, which Bot Builder serialises several times a turn, and bounded: beyond
/// <paramref name="capacity"/> the oldest go.
/// </summary>
public sealed class AnswerLog(int capacity)
{
    private readonly ConcurrentDictionary<string, AnswerRecord> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>How many answers are remembered now.</summary>
    public int Count => _byId.Count;

    /// <summary>Remembers an answer.</summary>
    public void Add(AnswerRecord record)
    {
        var key = Key(record.ConversationId, record.ActivityId);
        if (_byId.TryAdd(key, record))
        {
            _order.Enqueue(key);
            while (_byId.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _byId.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>The answer a message of that conversation carried, if still remembered.</summary>
    public AnswerRecord? Find(string? conversationId, string? activityId) =>
        conversationId is null || activityId is null ? null : _byId.GetValueOrDefault(Key(conversationId, activityId));

    // Keyed by conversation too: a vote names a message id, and only an answer sent in the voter's
    // own conversation may take it.
    private static string Key(string conversationId, string activityId) => conversationId + "\n" + activityId;
}
