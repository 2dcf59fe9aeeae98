using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Bot.Schema;

namespace CoopBot.DirectLine;

/// <summary>A Direct Line conversation: its activities in order (the watermark is an index into them).</summary>
public sealed class DirectLineConversation(string id)
{
    private readonly List<Activity> _activities = [];
    private int _sequence;

    /// <summary>The conversation id.</summary>
    public string Id { get; } = id;

    /// <summary>When the conversation was last used; idle conversations are dropped.</summary>
    public DateTimeOffset LastUsed { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Whether the bot has been told the user joined.</summary>
    public bool Started { get; set; }

    /// <summary>Turns are processed one at a time per conversation, as in a real channel.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    /// <summary>Appends an activity with the next id and a timestamp.</summary>
    public string Append(Activity activity)
    {
        lock (_activities)
        {
            activity.Id = $"{Id}|{++_sequence:D7}";
            activity.Timestamp ??= DateTimeOffset.UtcNow;
            activity.Conversation = new ConversationAccount(id: Id);
            _activities.Add(activity);
            LastUsed = DateTimeOffset.UtcNow;
            return activity.Id;
        }
    }

    /// <summary>The activities after <paramref name="watermark"/>, and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, int Watermark) Since(int watermark)
    {
        lock (_activities)
        {
            LastUsed = DateTimeOffset.UtcNow;
            watermark = Math.Clamp(watermark, 0, _activities.Count);
            return (_activities.Skip(watermark).ToList(), _activities.Count);
        }
    }
}

/// <summary>
/// Conversations and their tokens for CoopBot's built-in Direct Line 3.0 endpoint. Each conversation
/// has its own tokens; a token opens only its own conversation and expires.
/// </summary>
public sealed class DirectLineStore(TimeProvider time)
{
    /// <summary>How long a token lives; the client refreshes it every 15 minutes.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ConversationId, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>Starts a conversation and issues its first token.</summary>
    public (DirectLineConversation Conversation, string Token) Create()
    {
        var conversation = new DirectLineConversation(NewId(18));
        _conversations[conversation.Id] = conversation;
        return (conversation, IssueToken(conversation.Id));
    }

    /// <summary>A new token for the same conversation.</summary>
    public string IssueToken(string conversationId)
    {
        var token = NewId(32);
        _tokens[token] = (conversationId, time.GetUtcNow() + TokenLifetime);
        return token;
    }

    /// <summary>The conversation a valid, unexpired token opens.</summary>
    public DirectLineConversation? FromToken(string? token)
    {
        if (token is null || !_tokens.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.Expires <= time.GetUtcNow())
        {
            _tokens.TryRemove(token, out _);
            return null;
        }

        return _conversations.GetValueOrDefault(entry.ConversationId);
    }

    /// <summary>A conversation by id.</summary>
    public DirectLineConversation? Find(string id) => _conversations.GetValueOrDefault(id);

    private static string NewId(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
