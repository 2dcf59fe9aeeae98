namespace CoopBot.Engine.Answering;

/// <summary>
/// The most recently asked questions' answers, as a search engine keeps its recent results (Solr's
/// query result cache): people ask the same things (the suggested questions above all), and a
/// repeated question then costs a lookup instead of a search. Answers depend only on the question
/// and the index, and the cache belongs to one engine, so a reindex, which opens a new engine,
/// starts an empty cache. Keyed by the exact question text: an answer quotes the question it was
/// asked with. Bounded: beyond <paramref name="capacity"/> the least recently used answer goes.
/// </summary>
internal sealed class AnswerCache(int capacity)
{
    private readonly Dictionary<(string Question, int MaxPassages), LinkedListNode<Entry>> _byKey = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly Lock _lock = new();
    private long _hits, _misses;

    /// <summary>Lookups answered from the cache, and lookups that were not.</summary>
    public (long Hits, long Misses) Statistics => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The cached answer, or the one <paramref name="answer"/> computes (then kept).</summary>
    public Answer GetOrAdd(string question, int maxPassages, Func<string, int, Answer> answer)
    {
        var key = (question, maxPassages);
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                Interlocked.Increment(ref _hits);
                return node.Value.Answer;
            }
        }

        // Computed outside the lock: two people asking the same new question at once both search,
        // and the second result replaces the first (they are equal).
        Interlocked.Increment(ref _misses);
        var computed = answer(question, maxPassages);
        lock (_lock)
        {
            if (_byKey.Remove(key, out var stale))
            {
                _recent.Remove(stale);
            }

            _byKey[key] = _recent.AddFirst(new Entry(key, computed));
            while (_byKey.Count > capacity && _recent.Last is { } oldest)
            {
                _recent.RemoveLast();
                _byKey.Remove(oldest.Value.Key);
            }
        }

        return computed;
    }

    private sealed record Entry((string Question, int MaxPassages) Key, Answer Answer);
}
