using System.Reflection;
using System.Runtime.InteropServices;
using Lucene.Net.Analysis.Cn.Smart;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// SmartCn's word segmentation (a hidden Markov model over its own word and word-pair dictionaries,
/// solved by Viterbi), computed the same way but without allocating per character: Lucene.Net's port
/// builds a dictionary of token lists, a token object and a char array per candidate word and per
/// word pair, which made it the single largest cost of a build. Same dictionaries (read from the
/// SmartCn package), same candidate words, same weights in the same floating-point order, same tie
/// breaking; tests compare the tokens with SmartChineseAnalyzer's on every CMRC and seed passage.
/// </summary>
/// <remarks>
/// The dictionaries are internal to Lucene.Net.Analysis.SmartCn, so they are reached by reflection
/// on the pinned package; <see cref="TryLoad"/> returns null if that ever fails, and the caller then
/// uses SmartChineseAnalyzer itself. An instance is used from many threads at once (all per-call
/// state lives in a <see cref="Workspace"/> owned by the calling tokenizer).
/// </remarks>
internal sealed class HhmmSegmenter
{
    // SmartCn's constants (Utility, BigramDictionary).
    private const int MaxFrequency = 2079997 + 80000;
    private const char PairSeparator = '@';
    private const string StringWord = "未##串", NumberWord = "未##数", StartWord = "始##始", EndWord = "末##末";

    // SmartCn's character classes (Utility.GetCharType), looked up instead of recomputed per character.
    private static readonly byte[] CharTypes = Enumerable.Range(0, char.MaxValue + 1).Select(c => checked((byte)Utility.GetCharType((char)c))).ToArray();

    // Words by first character: the rest of each word (sorted as SmartCn sorts them) and frequencies.
    private readonly char[]?[][] _suffixes;
    private readonly int[][] _frequencies;
    private readonly int[] _singleFrequencies = new int[char.MaxValue + 1];
    private readonly PairTable _pairFrequencies;
    private readonly int _stringFrequency, _numberFrequency, _startFrequency, _endFrequency;

    private HhmmSegmenter(char[]?[][] suffixes, int[][] frequencies, PairTable pairFrequencies)
    {
        _suffixes = suffixes;
        _frequencies = frequencies;
        _pairFrequencies = pairFrequencies;
        for (int c = 0; c <= char.MaxValue; c++)
        {
            // Each character alone, looked up once here rather than at every occurrence.
            if (suffixes[c] is { } items)
            {
                _singleFrequencies[c] = FrequencyOf(items, frequencies[c], []);
            }
        }

        _stringFrequency = Frequency(StringWord);
        _numberFrequency = Frequency(NumberWord);
        _startFrequency = Frequency(StartWord);
        _endFrequency = Frequency(EndWord);
    }

    /// <summary>Kinds of candidate token, as SmartCn's WordType.</summary>
    internal enum Kind : byte
    {
        SentenceBegin,
        SentenceEnd,
        ChineseWord,
        String,
        Number,
        Delimiter,
        FullWidthString,
        FullWidthNumber,
    }

    /// <summary>
    /// Segments one sentence (as SmartCn's sentence splitter delivers it) into <paramref name="w"/>'s
    /// <see cref="Workspace.Words"/>: each word's text, start and end in the sentence, in order.
    /// </summary>
    public void Segment(ReadOnlySpan<char> sentence, Workspace w)
    {
        BuildCandidates(sentence, w);
        var best = FindBestPath(sentence.Length, w);

        // best holds the path END → … → BEGIN; words go out in sentence order, as SmartCn's
        // WordSegmenter and SegTokenFilter leave them.
        w.Words.Clear();
        w.WordChars.Clear();
        for (int k = best.Count - 2; k >= 1; k--)
        {
            int t = best[k];
            int start = w.Starts[t], end = w.Ends[t], textStart = w.WordChars.Count;
            switch (w.Kinds[t])
            {
                case Kind.Delimiter:
                    w.WordChars.Add(',');
                    break;
                case Kind.ChineseWord:
                    w.WordChars.AddRange(w.Chars.AsSpan(w.TextStarts[t], w.TextLengths[t]));
                    break;
                default:
                    // Letters and digits as printed, full-width folded to half-width, Latin lower-cased.
                    bool fullWidth = w.Kinds[t] is Kind.FullWidthNumber or Kind.FullWidthString;
                    for (int i = start; i < end; i++)
                    {
                        char c = sentence[i];
                        if (fullWidth && c >= 0xFF10)
                        {
                            c = (char)(c - 0xFEE0);
                        }

                        w.WordChars.Add(c is >= 'A' and <= 'Z' ? (char)(c + 0x20) : c);
                    }

                    break;
            }

            w.Words.Add(new Word(textStart, w.WordChars.Count - textStart, start, end));
        }
    }

    private static CharType TypeOf(char c) => (CharType)CharTypes[c];

    /// <summary>Candidate tokens of a sentence, ordered by start (SmartCn's SegGraph).</summary>
    private void BuildCandidates(ReadOnlySpan<char> s, Workspace w)
    {
        w.Clear();
        w.Add(Kind.SentenceBegin, -1, 0, _startFrequency, -1, 0);
        int i = 0;
        while (i < s.Length)
        {
            var type = TypeOf(s[i]);
            switch (type)
            {
                case CharType.SPACE_LIKE:
                    i++;
                    break;
                case CharType.HANZI:
                    AddWordsAt(s, i, w);
                    i++;
                    break;
                case CharType.LETTER or CharType.FULLWIDTH_LETTER:
                case CharType.DIGIT or CharType.FULLWIDTH_DIGIT:
                {
                    bool letters = type is CharType.LETTER or CharType.FULLWIDTH_LETTER;
                    bool fullWidth = type is CharType.FULLWIDTH_LETTER or CharType.FULLWIDTH_DIGIT;
                    int j = i + 1;
                    for (; j < s.Length; j++)
                    {
                        var next = TypeOf(s[j]);
                        if (letters ? next is not (CharType.LETTER or CharType.FULLWIDTH_LETTER) : next is not (CharType.DIGIT or CharType.FULLWIDTH_DIGIT))
                        {
                            break;
                        }

                        fullWidth |= next is CharType.FULLWIDTH_LETTER or CharType.FULLWIDTH_DIGIT;
                    }

                    var kind = letters ? (fullWidth ? Kind.FullWidthString : Kind.String) : (fullWidth ? Kind.FullWidthNumber : Kind.Number);
                    w.Add(kind, i, j, letters ? _stringFrequency : _numberFrequency, -1, 0);
                    i = j;
                    break;
                }

                case CharType.DELIMITER:
                    w.Chars.Add(s[i]);
                    w.Add(Kind.Delimiter, i, i + 1, MaxFrequency, w.Chars.Count - 1, 1);
                    i++;
                    break;
                default:
                    // Anything else (outside GB2312, say) is an unknown string of one character.
                    w.Add(Kind.String, i, i + 1, _stringFrequency, -1, 0);
                    i++;
                    break;
            }
        }

        w.Add(Kind.SentenceEnd, s.Length, s.Length + 1, _endFrequency, -1, 0);
    }

    /// <summary>
    /// The single character at <paramref name="i"/>, then every dictionary word that starts there:
    /// longer and longer runs of Chinese characters (spaces between them skipped) while the run is
    /// still the beginning of some word.
    /// </summary>
    private void AddWordsAt(ReadOnlySpan<char> s, int i, Workspace w)
    {
        char first = s[i];
        var items = _suffixes[first];
        var frequencies = _frequencies[first];
        var prefix = w.Prefix;
        prefix.Clear();
        prefix.Add(first);
        w.Chars.Add(first);
        w.Add(Kind.ChineseWord, i, i + 1, _singleFrequencies[first], w.Chars.Count - 1, 1);
        if (items is null)
        {
            return;
        }

        // Every word of the character's table begins with the empty rest: the first match is 0.
        int found = items.Length > 0 ? 0 : -1;
        int j = i + 1;
        while (j <= s.Length && found != -1)
        {
            if (prefix.Count > 1 && Compare(items[found], prefix.AsSpan(1, prefix.Count - 1)) == 0)
            {
                int textStart = w.Chars.Count;
                w.Chars.AddRange(prefix.AsSpan(0, prefix.Count));
                w.Add(Kind.ChineseWord, i, j, frequencies[found], textStart, prefix.Count);
            }

            while (j < s.Length && TypeOf(s[j]) == CharType.SPACE_LIKE)
            {
                j++;
            }

            if (j < s.Length && TypeOf(s[j]) == CharType.HANZI)
            {
                prefix.Add(s[j]);
                found = PrefixMatch(items, prefix.AsSpan(1, prefix.Count - 1), found);
                j++;
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>SmartCn's Viterbi over word pairs: the cheapest path from BEGIN to END.</summary>
    private List<int> FindBestPath(int length, Workspace w)
    {
        int n = w.Count;
        var cost = w.Costs(n);
        var previous = w.Previous(n);
        cost[0] = 0;
        for (int t = 1; t < n; t++)
        {
            cost[t] = double.MaxValue;
            previous[t] = 0;
        }

        // firstAt[p]: the first token starting at p or later (positions -1 … length, shifted by one).
        var firstAt = w.FirstAt(length + 2);
        for (int p = length + 1, t = n; p >= 0; p--)
        {
            while (t > 0 && w.Starts[t - 1] >= p - 1)
            {
                t--;
            }

            firstAt[p] = t;
        }

        // Tokens are ordered by start, so every token's predecessors come before it, and visiting
        // them in order gives ties to the same (first) predecessor as SmartCn.
        for (int t1 = 0; t1 < n; t1++)
        {
            if (w.Kinds[t1] == Kind.SentenceEnd)
            {
                break;
            }

            // The tokens at the first position at or after t1's end where any token starts.
            int group = firstAt[w.Ends[t1] + 1];
            double oneWordFrequency = w.Frequencies[t1];

            // Most pairs are not in the pair dictionary, and their weight depends on t1 alone: computed
            // once (by the same function, so to the same bit). The pair key's hash is likewise carried
            // over from "t1@" to each t2.
            double unseenPairWeight = PairWeight(oneWordFrequency, 0);
            long keyPrefix = HashChar(HashText(FnvOffset, w, t1), PairSeparator);
            for (int t2 = group; t2 < n && w.Starts[t2] == w.Starts[group]; t2++)
            {
                int pairFrequency = _pairFrequencies.Get(HashText(keyPrefix, w, t2));
                double weight = pairFrequency == 0 ? unseenPairWeight : PairWeight(oneWordFrequency, pairFrequency);
                if (cost[t1] + weight < cost[t2])
                {
                    cost[t2] = cost[t1] + weight;
                    previous[t2] = t1;
                }
            }
        }

        var path = w.Path;
        path.Clear();
        for (int t = n - 1; ; t = previous[t])
        {
            path.Add(t);
            if (t == 0)
            {
                break;
            }
        }

        return path;
    }

    /// <summary>
    /// SmartCn's smoothed cost of the pair: -log(a·P(first) + (1-a)·P(second | first)), in the same
    /// order of floating-point operations, so that equal costs tie as they do in SmartCn.
    /// </summary>
    private static double PairWeight(double oneWordFrequency, int pairFrequency)
    {
        const double smooth = 0.1;
        const double tiny = 1.0 / MaxFrequency;
        return -Math.Log(
            smooth * (1.0 + oneWordFrequency) / (MaxFrequency + 0.0)
            + (1.0 - smooth) * ((1.0 - tiny) * pairFrequency / (1.0 + oneWordFrequency) + tiny));
    }

    /// <summary>Start of SmartCn's 64-bit FNV hash (of "first@second", the key of its pair dictionary).</summary>
    private const long FnvOffset = unchecked((long)0xcbf29ce484222325L);

    private static long HashText(long hash, Workspace w, int t)
    {
        var text = w.Kinds[t] switch
        {
            Kind.SentenceBegin => StartWord.AsSpan(),
            Kind.SentenceEnd => EndWord.AsSpan(),
            Kind.String or Kind.FullWidthString => StringWord.AsSpan(),
            Kind.Number or Kind.FullWidthNumber => NumberWord.AsSpan(),
            _ => w.Chars.AsSpan(w.TextStarts[t], w.TextLengths[t]),
        };
        foreach (char c in text)
        {
            hash = HashChar(hash, c);
        }

        return hash;
    }

    private static long HashChar(long hash, char c)
    {
        const long prime = 1099511628211L;
        hash = unchecked((hash ^ (c & 0x00FF)) * prime);
        return unchecked((hash ^ (c >> 8)) * prime);
    }

    /// <summary>How often SmartCn's dictionary saw <paramref name="word"/> in its training text; 0 if it is not a dictionary word.</summary>
    internal int Frequency(string word)
    {
        if (word.Length == 0)
        {
            return 0;
        }

        var items = _suffixes[word[0]];
        return items is null ? 0 : FrequencyOf(items, _frequencies[word[0]], word.AsSpan(1));
    }

    /// <summary>Frequency of the word whose rest is <paramref name="rest"/>, by binary search; 0 if none.</summary>
    internal static int FrequencyOf(char[]?[] items, int[] frequencies, ReadOnlySpan<char> rest)
    {
        int at = IndexOfWord(items, rest);
        return at < 0 ? 0 : frequencies[at];
    }

    /// <summary>Index of the word whose rest (after its first character) is <paramref name="rest"/>, or -1.</summary>
    internal static int IndexOfWord(char[]?[] items, ReadOnlySpan<char> rest)
    {
        int lo = 0, hi = items.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            int c = Compare(items[mid], rest);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Index of the first word whose rest begins with <paramref name="prefix"/>, searching from <paramref name="from"/>; -1 if none.</summary>
    private static int PrefixMatch(char[]?[] items, ReadOnlySpan<char> prefix, int from)
    {
        int lo = from, hi = items.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            int c = ComparePrefix(prefix, items[mid]);
            if (c == 0)
            {
                // The words with this prefix are one sorted run; SmartCn walks back to its start one
                // word at a time (thousands, for a common character and an empty prefix). The same
                // start, found by halving: everything before the run sorts below the prefix.
                int first = 0, last = mid;
                while (first < last)
                {
                    int m = (first + last) / 2;
                    if (ComparePrefix(prefix, items[m]) == 0)
                    {
                        last = m;
                    }
                    else
                    {
                        first = m + 1;
                    }
                }

                return first;
            }

            if (c < 0)
            {
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return -1;
    }

    /// <summary>SmartCn's order of word rests: by character, a proper prefix first; null as empty.</summary>
    private static int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        int n = Math.Min(left.Length, right.Length);
        for (int i = 0; i < n; i++)
        {
            if (left[i] != right[i])
            {
                return left[i] > right[i] ? 1 : -1;
            }
        }

        return left.Length == right.Length ? 0 : left.Length < right.Length ? -1 : 1;
    }

    private static int Compare(char[]? item, ReadOnlySpan<char> rest) => Compare(new ReadOnlySpan<char>(item), rest);

    private static int ComparePrefix(ReadOnlySpan<char> prefix, char[]? item)
    {
        var word = new ReadOnlySpan<char>(item);
        int n = Math.Min(prefix.Length, word.Length);
        for (int i = 0; i < n; i++)
        {
            if (prefix[i] != word[i])
            {
                return prefix[i] > word[i] ? 1 : -1;
            }
        }

        return prefix.Length <= word.Length ? 0 : 1;
    }

    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// SmartCn's word dictionary by first character: the sorted rests of its words and their
    /// frequencies. These are SmartCn's own arrays (loaded by it anyway), not copies.
    /// </summary>
    internal static (char[]?[][] Suffixes, int[][] Frequencies) LoadWordTables()
    {
        var assembly = typeof(SmartChineseAnalyzer).Assembly;
        var wordType = assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.WordDictionary", throwOnError: true)!;
        var words = wordType.GetMethod("GetInstance", Any)!.Invoke(null, null)!;
        var charIndex = (char[])wordType.GetField("charIndexTable", Any)!.GetValue(words)!;
        var wordIndex = (short[])wordType.GetField("wordIndexTable", Any)!.GetValue(words)!;
        var items = (char[][][])wordType.GetField("wordItem_charArrayTable", Any)!.GetValue(words)!;
        var frequencies = (int[][])wordType.GetField("wordItem_frequencyTable", Any)!.GetValue(words)!;

        var byChar = new char[]?[char.MaxValue + 1][];
        var frequenciesByChar = new int[char.MaxValue + 1][];
        for (int slot = 0; slot < charIndex.Length; slot++)
        {
            char c = charIndex[slot];
            if (c != 0 && items[wordIndex[slot]] is { } table)
            {
                byChar[c] = table;
                frequenciesByChar[c] = frequencies[wordIndex[slot]];
            }
        }

        return (byChar, frequenciesByChar);
    }

    /// <summary>Whether an exception is one that reaching SmartCn's internals by reflection can throw.</summary>
    internal static bool IsReflectionFailure(Exception e) =>
        e is TargetInvocationException or InvalidCastException or NullReferenceException or TypeLoadException or FileNotFoundException or MissingMemberException or AmbiguousMatchException or ArgumentException;

    /// <summary>A segmenter over SmartCn's dictionaries, or null (and why) when they cannot be read.</summary>
    public static HhmmSegmenter? TryLoad(out string? failure)
    {
        failure = null;
        try
        {
            var assembly = typeof(SmartChineseAnalyzer).Assembly;
            var (byChar, frequenciesByChar) = LoadWordTables();

            var pairType = assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.BigramDictionary", throwOnError: true)!;
            var pairs = pairType.GetMethod("GetInstance", Any)!.Invoke(null, null)!;
            var hashes = (long[])pairType.GetField("bigramHashTable", Any)!.GetValue(pairs)!;
            var pairFrequencies = (int[])pairType.GetField("frequencyTable", Any)!.GetValue(pairs)!;
            return new HhmmSegmenter(byChar, frequenciesByChar, new PairTable(hashes, pairFrequencies));
        }
        catch (Exception e) when (IsReflectionFailure(e))
        {
            failure = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// SmartCn's word-pair frequencies by the 64-bit hash of the pair (0 when absent, as SmartCn).
    /// Most of the segmenter's time is spent looking pairs up, so the table is built for that: open
    /// addressing with key and value side by side, half full, one cache line per probe.
    /// </summary>
    private sealed class PairTable
    {
        // A bit per hash's low bits, small enough to stay in cache: two thirds of the pairs asked
        // for are not in the dictionary, and most of those are answered here without a table probe.
        private const int FilterBits = 1 << 22;
        private readonly ulong[] _filter = new ulong[FilterBits / 64];
        private readonly Slot[] _slots;
        private readonly int _shift;

        public PairTable(long[] hashes, int[] frequencies)
        {
            int count = hashes.Count(h => h != 0);
            int bits = Math.Max(4, (int)Math.Ceiling(Math.Log2(count * 2.0)));
            _slots = new Slot[1 << bits];
            _shift = 64 - bits;
            for (int i = 0; i < hashes.Length; i++)
            {
                long key = hashes[i];
                if (key == 0)
                {
                    continue;
                }

                int slot = SlotOf(key);
                while (_slots[slot].Key != 0 && _slots[slot].Key != key)
                {
                    slot = (slot + 1) & (_slots.Length - 1);
                }

                // SmartCn's table holds each hash once.
                if (_slots[slot].Key == 0)
                {
                    _slots[slot] = new Slot(key, frequencies[i]);
                    int bit = (int)((ulong)key & (FilterBits - 1));
                    _filter[bit >> 6] |= 1UL << (bit & 63);
                }
            }
        }

        public int Get(long key)
        {
            int bit = (int)((ulong)key & (FilterBits - 1));
            if ((_filter[bit >> 6] & (1UL << (bit & 63))) == 0)
            {
                return 0;
            }

            int slot = SlotOf(key);
            while (true)
            {
                ref var s = ref _slots[slot];
                if (s.Key == key)
                {
                    return s.Value;
                }

                if (s.Key == 0)
                {
                    return 0;
                }

                slot = (slot + 1) & (_slots.Length - 1);
            }
        }

        private int SlotOf(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> _shift);

        private readonly record struct Slot(long Key, int Value);
    }

    /// <summary>Per-tokenizer scratch space, reused sentence after sentence.</summary>
    internal sealed class Workspace
    {
        private int[] _starts = new int[64], _ends = new int[64], _frequencies = new int[64], _textStarts = new int[64], _textLengths = new int[64];
        private Kind[] _kinds = new Kind[64];
        private double[] _costs = new double[64];
        private int[] _previous = new int[64];
        private int[] _firstAt = new int[64];

        public int Count { get; private set; }

        public List<char> Chars { get; } = new(256);

        public List<int> Path { get; } = new(64);

        public List<char> Prefix { get; } = new(16);

        /// <summary>The words of the last sentence segmented.</summary>
        public List<Word> Words { get; } = new(64);

        /// <summary>The text of <see cref="Words"/>.</summary>
        public List<char> WordChars { get; } = new(256);

        public int[] Starts => _starts;

        public int[] Ends => _ends;

        public int[] Frequencies => _frequencies;

        public int[] TextStarts => _textStarts;

        public int[] TextLengths => _textLengths;

        public Kind[] Kinds => _kinds;

        public void Clear()
        {
            Count = 0;
            Chars.Clear();
        }

        public void Add(Kind kind, int start, int end, int frequency, int textStart, int textLength)
        {
            if (Count == _starts.Length)
            {
                int size = Count * 2;
                Array.Resize(ref _starts, size);
                Array.Resize(ref _ends, size);
                Array.Resize(ref _frequencies, size);
                Array.Resize(ref _textStarts, size);
                Array.Resize(ref _textLengths, size);
                Array.Resize(ref _kinds, size);
            }

            _kinds[Count] = kind;
            _starts[Count] = start;
            _ends[Count] = end;
            _frequencies[Count] = frequency;
            _textStarts[Count] = textStart;
            _textLengths[Count] = textLength;
            Count++;
        }

        public double[] Costs(int n)
        {
            if (_costs.Length < n)
            {
                _costs = new double[n * 2];
            }

            return _costs;
        }

        public int[] Previous(int n)
        {
            if (_previous.Length < n)
            {
                _previous = new int[n * 2];
            }

            return _previous;
        }

        public int[] FirstAt(int n)
        {
            if (_firstAt.Length < n)
            {
                _firstAt = new int[n * 2];
            }

            return _firstAt;
        }
    }
}

/// <summary>A word found by <see cref="HhmmSegmenter"/>: its text in the workspace's word characters, and its place in the sentence.</summary>
internal readonly record struct Word(int TextStart, int TextLength, int Start, int End);

/// <summary>List helpers for the segmenter's character buffer.</summary>
internal static class CharListExtensions
{
    /// <summary>A span over part of the list's storage (valid until the list grows).</summary>
    public static ReadOnlySpan<char> AsSpan(this List<char> list, int start, int length) =>
        CollectionsMarshal.AsSpan(list).Slice(start, length);
}
