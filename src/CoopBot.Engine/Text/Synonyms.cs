using System.Reflection;

namespace CoopBot.Engine.Text;

/// <summary>
/// Near-synonyms and word classes from CC-CEDICT (CC BY-SA 4.0, <c>models/synonyms/README.md</c>): two
/// words the dictionary glosses with the same English sense (寄存 and 存放: "deposit"; 苞米 and 玉米:
/// "corn"), which words it glosses mostly as verbs, and which are proper nouns. Used to tell whether a
/// passage says what a question asks in other words: a chat question's everyday word then counts as
/// found when the page prints its written synonym. Senses shared by many words ("to do") were dropped
/// when the table was built, so a link means something.
/// </summary>
/// <remarks>
/// Held compactly (the bot's memory budget is 200 MB): every word once, as an id; a sense is an
/// array of ids; the word classes are flags per id.
/// </remarks>
public sealed class Synonyms
{
    /// <summary>The key of the table's line that lists the words glossed mostly as verbs.</summary>
    public const string VerbsKey = "#verbs";

    /// <summary>The key of the table's line that lists proper nouns (CC-CEDICT capitalises their pinyin).</summary>
    public const string NamesKey = "#names";

    private const byte Verb = 1, Name = 2;

    private static readonly Lazy<Synonyms> LazyShared = new(() => Load(typeof(Synonyms).Assembly));

    private readonly Dictionary<string, int> _ids;
    private readonly string[] _words;
    private readonly byte[] _flags;
    private readonly int[][] _senses;
    private readonly int[][] _sensesOf;

    private Synonyms(Dictionary<string, int> ids, string[] words, byte[] flags, int[][] senses, int[][] sensesOf)
    {
        _ids = ids;
        _words = words;
        _flags = flags;
        _senses = senses;
        _sensesOf = sensesOf;
    }

    /// <summary>The table shipped inside the engine (empty if this build carries none).</summary>
    public static Synonyms Shared => LazyShared.Value;

    /// <summary>How many words have at least one synonym.</summary>
    public int Words => _sensesOf.Count(s => s.Length > 0);

    /// <summary>
    /// Whether the word names one place, body or person: a proper noun in CC-CEDICT (北京, 江苏, 华为),
    /// or a word of two or more Chinese characters SmartCn's dictionary does not have (a name or term
    /// coined since; SmartCn makes its words from that dictionary, so this is rare in a question).
    /// A question about another one of these is about something else, however alike the rest reads.
    /// </summary>
    public bool IsName(string word)
    {
        return (Flags(word) & Name) != 0
            || (_words.Length > 0 && word.Length > 1 && word.All(c => c is >= '\u4e00' and <= '\u9fff') && !Reading.WordWeights.Shared.Knows(word));
    }

    /// <summary>
    /// Whether CC-CEDICT glosses the word mostly as a verb ("to deposit", "to recommend"). A question
    /// names what it asks about with nouns and names; its verbs are where people paraphrase, so a
    /// missing verb says less than a missing noun.
    /// </summary>
    public bool IsVerb(string word) => (Flags(word) & Verb) != 0;

    /// <summary>Whether CC-CEDICT lists the word as a proper noun (北京, 江苏, 华为): unlike <see cref="IsName"/>, not every word SmartCn does not know.</summary>
    public bool IsProperNoun(string word) => (Flags(word) & Name) != 0;

    private byte Flags(string word) => _ids.TryGetValue(word, out var id) ? _flags[id] : (byte)0;

    /// <summary>Reads a table of lines "english sense, tab, the words that share it (space separated)", and the word-class lines.</summary>
    public static Synonyms Read(TextReader reader)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        var flags = new List<byte>();
        var senses = new List<int[]>();
        int Id(string word)
        {
            if (!ids.TryGetValue(word, out var id))
            {
                ids[word] = id = words.Count;
                words.Add(word);
                flags.Add(0);
            }

            return id;
        }

        while (reader.ReadLine() is { } line)
        {
            int tab = line.IndexOf('\t');
            if (tab < 0)
            {
                continue;
            }

            var items = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith('#'))
            {
                byte flag = line[..tab] switch { VerbsKey => Verb, NamesKey => Name, _ => 0 };
                foreach (var word in items)
                {
                    int id = Id(word);
                    flags[id] |= flag;
                }

                continue;
            }

            if (items.Length >= 2)
            {
                senses.Add(items.Select(Id).ToArray());
            }
        }

        var sensesOf = new List<int>[words.Count];
        for (int s = 0; s < senses.Count; s++)
        {
            foreach (var id in senses[s])
            {
                (sensesOf[id] ??= []).Add(s);
            }
        }

        return new Synonyms(ids, [.. words], [.. flags], [.. senses], sensesOf.Select(l => l is null ? [] : l.ToArray()).ToArray());
    }

    private static Synonyms Load(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream("cedict.senses.tsv");
        if (stream is null)
        {
            return new Synonyms(new Dictionary<string, int>(StringComparer.Ordinal), [], [], [], []);
        }

        using var reader = new StreamReader(stream);
        return Read(reader);
    }

    /// <summary>The words that share a sense with <paramref name="word"/> (not the word itself).</summary>
    public IEnumerable<string> Of(string word)
    {
        if (!_ids.TryGetValue(word, out var id))
        {
            yield break;
        }

        foreach (var sense in _sensesOf[id])
        {
            foreach (var other in _senses[sense])
            {
                if (other != id)
                {
                    yield return _words[other];
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds <paramref name="word"/> or one of its synonyms. A
    /// single-character synonym of a longer word is not enough (存 in any text would match 寄存).
    /// </summary>
    public bool FoundIn(string word, string text)
    {
        if (text.Contains(word, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var other in Of(word))
        {
            if ((other.Length > 1 || word.Length == 1) && text.Contains(other, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
