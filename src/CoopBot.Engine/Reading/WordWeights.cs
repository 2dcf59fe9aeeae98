using CoopBot.Engine.Indexing;

namespace CoopBot.Engine.Reading;

/// <summary>
/// How much a word tells, by how rare it is in general Chinese usage: SmartCn's dictionary carries
/// word frequencies from its training text. Unlike IDF over the indexed pages, this does not call an
/// everyday word (咱们, 送, 进修) telling just because the page never uses it, and it is the same for
/// any set of articles, so a model trained on other texts reads these weights the same way.
/// </summary>
public sealed class WordWeights
{
    private readonly char[]?[][]? _suffixes;
    private readonly int[][]? _frequencies;

    private WordWeights(char[]?[][]? suffixes, int[][]? frequencies)
    {
        _suffixes = suffixes;
        _frequencies = frequencies;
    }

    /// <summary>The weights from SmartCn's dictionary; if it cannot be read, every word weighs the same.</summary>
    public static WordWeights Shared { get; } = Load();

    /// <summary>Whether SmartCn's dictionary was read (otherwise every word weighs 1).</summary>
    public bool FromDictionary => _suffixes is not null;

    private static WordWeights Load()
    {
        try
        {
            var (suffixes, frequencies) = HhmmSegmenter.LoadWordTables();
            return new WordWeights(suffixes, frequencies);
        }
        catch (Exception e) when (HhmmSegmenter.IsReflectionFailure(e))
        {
            return new WordWeights(null, null);
        }
    }

    /// <summary>The dictionary frequency of a word; 0 when it is not a dictionary word.</summary>
    public int Frequency(string word)
    {
        if (_suffixes is null || word.Length == 0 || _suffixes[word[0]] is not { } items)
        {
            return 0;
        }

        return HhmmSegmenter.FrequencyOf(items, _frequencies![word[0]], word.AsSpan(1));
    }

    /// <summary>Whether SmartCn's dictionary has the word at all (some of its words have frequency 0).</summary>
    public bool Knows(string word) =>
        _suffixes is not null && word.Length > 0 && _suffixes[word[0]] is { } items && HhmmSegmenter.IndexOfWord(items, word.AsSpan(1)) >= 0;

    /// <summary>
    /// Whether the two characters of <paramref name="text"/> at <paramref name="at"/> are a dictionary word that a
    /// one-character <paramref name="verb"/> opens: how a question's 建 is printed as 建设.
    /// </summary>
    public bool OpensWord(string text, int at, string verb) =>
        verb.Length == 1 && at >= 0 && at + 2 <= text.Length && text[at] == verb[0] && Knows(text.Substring(at, 2));

    /// <summary>
    /// The weight of a word, 0.5–3: about 3 for a word the dictionary does not know (a name, a term),
    /// falling with its log frequency to 0.5 for the commonest function words; a single character
    /// weighs less than a word of the same frequency, as it says less on its own.
    /// </summary>
    public double Weight(string word)
    {
        if (_suffixes is null)
        {
            return 1;
        }

        int f = Frequency(word);
        double w = 3.0 - (Math.Log(1 + f) / 4.0);
        if (word.Length == 1)
        {
            w -= 0.5;
        }

        return Math.Clamp(w, 0.5, 3.0);
    }

    /// <summary>The weights of a question's keywords.</summary>
    public Dictionary<string, double> Of(IEnumerable<string> keywords) =>
        keywords.Distinct(StringComparer.Ordinal).ToDictionary(k => k, Weight, StringComparer.Ordinal);
}
