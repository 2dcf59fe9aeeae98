using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CoopBot.Bot;

/// <summary>
/// In-memory <see cref="IStorage"/> like Bot Builder's MemoryStorage (same serialisation and eTag
/// rules), but bounded: entries idle longer than <paramref name="idleTimeout"/> expire, and beyond
/// <paramref name="maxEntries"/> the least recently used go, so state does not grow with every
/// conversation ever held.
/// </summary>
public sealed class BoundedMemoryStorage(TimeSpan idleTimeout, int maxEntries, TimeProvider time) : IStorage
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All, MaxDepth = null });

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _writeLock = new();
    private long _eTag;
    private long _lastSweepTicks;

    /// <summary>How many entries are held now.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow();
        var result = new Dictionary<string, object>(keys.Length);
        foreach (var key in keys)
        {
            if (_entries.TryGetValue(key, out var entry) && now - entry.LastUsed <= idleTimeout)
            {
                entry.LastUsed = now;
                var value = entry.State.ToObject<object>(Serializer);
                if (value is not null)
                {
                    result[key] = value;
                }
            }
        }

        return Task.FromResult<IDictionary<string, object>>(result);
    }

    /// <inheritdoc />
    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow();
        lock (_writeLock)
        {
            foreach (var (key, value) in changes)
            {
                var state = JObject.FromObject(value, Serializer);
                var newETag = (++_eTag).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (_entries.TryGetValue(key, out var old) && value is IStoreItem item)
                {
                    // Optimistic concurrency, as MemoryStorage: a stale eTag is a conflict ('*' writes anyway).
                    var oldETag = old.State["ETag"]?.ToString();
                    if (!string.IsNullOrEmpty(item.ETag) && item.ETag != "*" && item.ETag != oldETag)
                    {
                        throw new InvalidOperationException($"eTag conflict: stored {oldETag}, written {item.ETag}.");
                    }
                }

                if (value is IStoreItem)
                {
                    state["ETag"] = newETag;
                }

                _entries[key] = new Entry(state, now);
            }

            Sweep(now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _entries.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (_entries.Count <= maxEntries && now.UtcTicks - _lastSweepTicks < TimeSpan.TicksPerSecond)
        {
            return;
        }

        _lastSweepTicks = now.UtcTicks;
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastUsed > idleTimeout)
            {
                _entries.TryRemove(key, out _);
            }
        }

        int excess = _entries.Count - maxEntries;
        if (excess > 0)
        {
            foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(excess + (maxEntries / 10)).ToList())
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry(JObject state, DateTimeOffset lastUsed)
    {
        public JObject State { get; } = state;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
