using System.Collections.Concurrent;
using System.Security.Cryptography;
using CoopBot.Hosting;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CoopBot.DirectLine;

/// <summary>A Direct Line conversation: its activities in order (the watermark is an index into them).</summary>
public sealed class DirectLineConversation(string id, TimeProvider time)
{
    private readonly List<Activity> _activities = [];
    private int _sequence;

    /// <summary>The conversation id.</summary>
    public string Id { get; } = id;

    /// <summary>When the conversation was last used; idle conversations are dropped.</summary>
    public DateTimeOffset LastUsed { get; private set; } = time.GetUtcNow();

    /// <summary>Activities kept per conversation; older ones are dropped (the watermark still counts them).</summary>
    public const int MaxActivities = 500;

    private int _dropped;

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
            activity.Timestamp ??= time.GetUtcNow();
            activity.Conversation = new ConversationAccount(id: Id);
            _activities.Add(activity);
            if (_activities.Count > MaxActivities)
            {
                // A long conversation keeps its recent history only, so memory stays bounded.
                int excess = _activities.Count - MaxActivities;
                _activities.RemoveRange(0, excess);
                _dropped += excess;
            }

            LastUsed = time.GetUtcNow();
            return activity.Id;
        }
    }

    /// <summary>The activities after <paramref name="watermark"/>, and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, int Watermark) Since(int watermark)
    {
        lock (_activities)
        {
            LastUsed = time.GetUtcNow();
            int total = _dropped + _activities.Count;
            watermark = Math.Clamp(watermark, _dropped, total);
            return (_activities.Skip(watermark - _dropped).ToList(), total);
        }
    }
}

/// <summary>
/// Conversations and their tokens for CoopBot's built-in Direct Line 3.0 endpoint. Each conversation
/// has its own tokens; a token opens only its own conversation and expires.
/// </summary>
public sealed class DirectLineStore(TimeProvider time, IOptions<CoopBotOptions> options)
{
    private readonly DirectLineOptions _options = options.Value.DirectLine;
    private long _lastSweepTicks;

    /// <summary>How long a token lives; the client refreshes it every 15 minutes.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ConversationId, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>Starts a conversation and issues its first token.</summary>
    public (DirectLineConversation Conversation, string Token) Create()
    {
        Sweep();
        var conversation = new DirectLineConversation(NewId(18), time);
        _conversations[conversation.Id] = conversation;
        return (conversation, IssueToken(conversation.Id));
    }

    /// <summary>How many conversations are kept now.</summary>
    public int Count => _conversations.Count;

    /// <summary>How many tokens are outstanding now.</summary>
    public int TokenCount => _tokens.Count;

    /// <summary>
    /// Drops idle conversations and expired tokens, and the least recently used conversations beyond
    /// the maximum, so memory stays bounded however many people chat. Runs at most once a second,
    /// unless the maximum is reached.
    /// </summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        long last = Interlocked.Read(ref _lastSweepTicks);
        if (_conversations.Count < _options.MaxConversations && now.UtcTicks - last < TimeSpan.TicksPerSecond)
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweepTicks, now.UtcTicks);
        foreach (var (id, conversation) in _conversations)
        {
            if (now - conversation.LastUsed > _options.IdleTimeout)
            {
                _conversations.TryRemove(id, out _);
            }
        }

        int excess = _conversations.Count - _options.MaxConversations + 1;
        if (excess > 0)
        {
            // Make room for a tenth more at once, so a full store is not scanned on every start.
            foreach (var old in _conversations.Values.OrderBy(c => c.LastUsed).Take(excess + (_options.MaxConversations / 10)))
            {
                _conversations.TryRemove(old.Id, out _);
            }
        }

        foreach (var (token, entry) in _tokens)
        {
            if (entry.Expires <= now || !_conversations.ContainsKey(entry.ConversationId))
            {
                _tokens.TryRemove(token, out _);
            }
        }
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
