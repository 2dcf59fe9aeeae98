using System.Collections.Concurrent;
using System.Security.Cryptography;
using CoopBot.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace CoopBot.DirectLine;

/// <summary>
/// A Direct Line conversation: its activities in order (the watermark is an index into them), each
/// kept as the JSON the client will read, so that a poll costs no serialisation and every activity's
/// size is known. Bounded by count and by bytes; beyond either the oldest go.
/// </summary>
public sealed class DirectLineConversation
{
    private readonly List<string> _activities = [];
    private readonly TimeProvider _time;
    private readonly long _maxBytes;
    private Action<long> _onBytesChanged;
    private int _sequence;
    private int _dropped;

    /// <summary>Creates a conversation.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="time">The clock.</param>
    /// <param name="maxBytes">The most its activities may hold (UTF-16 bytes of their JSON).</param>
    /// <param name="onBytesChanged">Told of every change in the bytes held, for the store's budget.</param>
    public DirectLineConversation(string id, TimeProvider time, long maxBytes = long.MaxValue, Action<long>? onBytesChanged = null)
    {
        Id = id;
        _time = time;
        _maxBytes = maxBytes;
        _onBytesChanged = onBytesChanged ?? (_ => { });
        LastUsed = time.GetUtcNow();
    }

    /// <summary>The conversation id.</summary>
    public string Id { get; }

    /// <summary>When the conversation was last used; idle conversations are dropped.</summary>
    public DateTimeOffset LastUsed { get; private set; }

    /// <summary>Activities kept per conversation; older ones are dropped (the watermark still counts them).</summary>
    public const int MaxActivities = 500;

    /// <summary>The bytes its activities hold now.</summary>
    public long Bytes { get; private set; }

    /// <summary>Whether the bot has been told the user joined.</summary>
    public bool Started { get; set; }

    /// <summary>Turns are processed one at a time per conversation, as in a real channel.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    /// <summary>Appends an activity with the next id and a timestamp.</summary>
    /// <param name="activity">The activity; its id, timestamp and conversation are set here.</param>
    /// <param name="serialize">How it is written for clients.</param>
    public string Append(Activity activity, Func<Activity, string> serialize)
    {
        lock (_activities)
        {
            activity.Id = $"{Id}|{++_sequence:D7}";
            activity.Timestamp ??= _time.GetUtcNow();
            activity.Conversation = new ConversationAccount(id: Id);
            var json = serialize(activity);
            _activities.Add(json);
            long change = Size(json);

            // A long or heavy conversation keeps its recent history only, so memory stays bounded.
            int excess = 0;
            long bytes = Bytes + change;
            while (excess < _activities.Count - 1 && (_activities.Count - excess > MaxActivities || bytes > _maxBytes))
            {
                bytes -= Size(_activities[excess]);
                excess++;
            }

            if (excess > 0)
            {
                _activities.RemoveRange(0, excess);
                _dropped += excess;
            }

            change = bytes - Bytes;
            Bytes = bytes;
            _onBytesChanged(change);
            LastUsed = _time.GetUtcNow();
            return activity.Id;
        }
    }

    /// <summary>The activities (as JSON) after <paramref name="watermark"/>, and the new watermark.</summary>
    public (IReadOnlyList<string> Activities, int Watermark) Since(int watermark)
    {
        lock (_activities)
        {
            LastUsed = _time.GetUtcNow();
            int total = _dropped + _activities.Count;
            watermark = Math.Clamp(watermark, _dropped, total);
            return (_activities.GetRange(watermark - _dropped, total - watermark), total);
        }
    }

    /// <summary>Stops reporting to the store's budget (it was dropped); returns the bytes it held.</summary>
    internal long Detach()
    {
        lock (_activities)
        {
            _onBytesChanged = _ => { };
            return Bytes;
        }
    }

    private static long Size(string json) => (json.Length * 2L) + 64;
}

/// <summary>
/// Conversations and their tokens for CoopBot's built-in Direct Line 3.0 endpoint. Each conversation
/// has its own tokens; a token opens only its own conversation and expires.
/// </summary>
public sealed class DirectLineStore(TimeProvider time, IOptions<CoopBotOptions> options)
{
    private readonly DirectLineOptions _options = options.Value.DirectLine;
    private long _lastSweepTicks;
    private long _bytes;

    /// <summary>How long a token lives; the client refreshes it every 15 minutes.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ConversationId, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>Starts a conversation and issues its first token.</summary>
    public (DirectLineConversation Conversation, string Token) Create()
    {
        Sweep();
        var conversation = new DirectLineConversation(NewId(18), time, _options.MaxConversationBytes, change => Interlocked.Add(ref _bytes, change));
        _conversations[conversation.Id] = conversation;
        return (conversation, IssueToken(conversation.Id));
    }

    /// <summary>How many conversations are kept now.</summary>
    public int Count => _conversations.Count;

    /// <summary>The bytes all conversations' activities hold now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

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
        if (_conversations.Count < _options.MaxConversations && Bytes <= _options.MaxStoreBytes && now.UtcTicks - last < TimeSpan.TicksPerSecond)
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweepTicks, now.UtcTicks);
        foreach (var (id, conversation) in _conversations)
        {
            if (now - conversation.LastUsed > _options.IdleTimeout)
            {
                Remove(id);
            }
        }

        if (Bytes > _options.MaxStoreBytes)
        {
            // Over the store's byte budget: the least recently used go until it is back under a
            // tenth below, so a busy store is not swept on every post.
            long target = _options.MaxStoreBytes - (_options.MaxStoreBytes / 10);
            foreach (var old in _conversations.Values.OrderBy(c => c.LastUsed))
            {
                if (Bytes <= target)
                {
                    break;
                }

                Remove(old.Id);
            }
        }

        int excess = _conversations.Count - _options.MaxConversations + 1;
        if (excess > 0)
        {
            // Make room for a tenth more at once, so a full store is not scanned on every start.
            foreach (var old in _conversations.Values.OrderBy(c => c.LastUsed).Take(excess + (_options.MaxConversations / 10)))
            {
                Remove(old.Id);
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

    private void Remove(string id)
    {
        if (_conversations.TryRemove(id, out var gone))
        {
            // Its activities may still be appended by a turn in flight; what it holds now leaves the budget.
            Interlocked.Add(ref _bytes, -gone.Detach());
        }
    }

    /// <summary>
    /// Replaces a token with a new one for the same conversation: the old token stops working at once,
    /// so a leaked token is not renewed alongside the client's own.
    /// </summary>
    public (string ConversationId, string Token)? Refresh(string? token)
    {
        var conversation = FromToken(token);
        if (conversation is null || !_tokens.TryRemove(token!, out _))
        {
            return null;
        }

        return (conversation.Id, IssueToken(conversation.Id));
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
