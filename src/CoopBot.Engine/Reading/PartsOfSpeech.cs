namespace CoopBot.Engine.Reading;

/// <summary>The word classes the reader tells apart, grouped from jieba's part-of-speech tags.</summary>
public enum WordClass : byte
{
    /// <summary>Not in the dictionary: often a name or a term the dictionary never saw.</summary>
    Unknown = 0,

    /// <summary>A person's name (nr, nrt, nrfg): 乾隆, 威尔斯.</summary>
    Person = 1,

    /// <summary>A place name (ns): 哈尔滨, 香港.</summary>
    Place = 2,

    /// <summary>An organisation's name (nt): 中国共产党.</summary>
    Organization = 3,

    /// <summary>Another proper noun (nz): a product, a work, a term.</summary>
    OtherProper = 4,

    /// <summary>A time word (t, tg): 清朝, 年间.</summary>
    Time = 5,

    /// <summary>A numeral or classifier (m, mq, q): 十八年, 一所.</summary>
    Number = 6,

    /// <summary>A common noun or a fixed expression (n, ng, vn, an, j, l, i, s, g): 时期, 亲王.</summary>
    Noun = 7,

    /// <summary>A verb (v, vd, vi, vg, vq): 建立, 位于.</summary>
    Verb = 8,

    /// <summary>An adjective or a distinguishing word (a, ad, ag, b, z, zg).</summary>
    Modifier = 9,

    /// <summary>A function word: preposition, conjunction, particle, adverb, pronoun, locative (p, c, u…, d, r, f, y, e, o).</summary>
    Function = 10,
}

/// <summary>
/// The usual word class of a word in general Chinese usage, from the dictionary of jieba (MIT licence;
/// jieba.NET 0.42.2's <c>dict.txt</c>: 349,046 words, each with its commonest part-of-speech tag,
/// counted on a large general corpus). The reader uses it to tell whether a span is the kind of thing
/// a question asks for — a "who" question is answered by a name, not by 清朝乾隆十八年 or 时期 — from how
/// words are used everywhere, not from the few thousand answers of the training data.
/// </summary>
public sealed class PartsOfSpeech
{
    private readonly Dictionary<string, WordClass> _classes;

    /// <summary>
    /// Per character, the log-probability that jieba's tagger prints it as the first, a middle and the
    /// last character of a person's name (the best of nr, nrt, nrfg), and of the likeliest other common
    /// class (n, v, vn, ns, nt, nz, t, m, a, d, f, r).
    /// </summary>
    private readonly Dictionary<char, float[]> _emissions;

    private PartsOfSpeech(Dictionary<string, WordClass> classes, Dictionary<char, float[]> emissions)
    {
        _classes = classes;
        _emissions = emissions;
    }

    /// <summary>The log-probability given to a character the tagger never printed in a state.</summary>
    private const float Unseen = -16f;

    private static readonly string[] NameTags = ["nr", "nrt", "nrfg"];

    private static readonly string[] OtherTags = ["n", "v", "vn", "ns", "nt", "nz", "t", "m", "a", "d", "f", "r"];

    /// <summary>
    /// How much more a run of 2–8 characters reads as a person's name than as another word, per character,
    /// by jieba's character-level tagger (its HMM emission probabilities): 马兴瑞 and 郑连昌 score high
    /// though no dictionary lists them; 研究推进 and 清朝乾隆 low. A middle dot (利安纳度·萨尔加多) is skipped.
    /// -10 when the text is not such a run or the tables are missing.
    /// </summary>
    public float NameShape(ReadOnlySpan<char> text)
    {
        if (_emissions.Count == 0 || text.Length is < 2 or > 10)
        {
            return -10;
        }

        Span<char> chars = stackalloc char[text.Length];
        int n = 0;
        foreach (var c in text)
        {
            if (Text.TextSpans.IsNameDot(c))
            {
                continue;
            }

            if (c is < '\u4e00' or > '\u9fff')
            {
                return -10;
            }

            chars[n++] = c;
        }

        if (n is < 2 or > 8)
        {
            return -10;
        }

        double name = 0, other = 0;
        for (int i = 0; i < n; i++)
        {
            int state = i == 0 ? 0 : i == n - 1 ? 2 : 1;
            if (_emissions.TryGetValue(chars[i], out var e))
            {
                name += e[state];
                other += e[3 + state];
            }
            else
            {
                name += Unseen;
                other += Unseen;
            }
        }

        return (float)((name - other) / n);
    }

    /// <summary>The dictionary shipped inside the engine, read on first use; empty when it is missing (every word is then <see cref="WordClass.Unknown"/>).</summary>
    public static PartsOfSpeech Shared => LazyShared.Value;

    private static readonly Lazy<PartsOfSpeech> LazyShared = new(Load);

    /// <summary>Whether the dictionary was read.</summary>
    public bool Loaded => _classes.Count > 0;

    /// <summary>The word's usual class; <see cref="WordClass.Unknown"/> when the dictionary lacks it.</summary>
    public WordClass Of(string word) =>
        _classes.GetValueOrDefault(word, WordClass.Unknown);

    /// <summary>The word's usual class; <see cref="WordClass.Unknown"/> when the dictionary lacks it.</summary>
    public WordClass Of(ReadOnlySpan<char> word) =>
        _classes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var c) ? c : WordClass.Unknown;

    /// <summary>Reads a dictionary in jieba's format: one word a line, then its count and its tag, space-separated.</summary>
    internal static PartsOfSpeech Read(TextReader reader)
    {
        var classes = new Dictionary<string, WordClass>(360_000, StringComparer.Ordinal);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            int a = line.IndexOf(' ');
            int b = a < 0 ? -1 : line.IndexOf(' ', a + 1);
            if (a <= 0 || b < 0)
            {
                continue;
            }

            classes[line[..a]] = ClassOf(line.AsSpan(b + 1).Trim());
        }

        return new PartsOfSpeech(classes, []);
    }

    /// <summary>
    /// Reads jieba's emission table (<c>pos_prob_emit.json</c>: for each state such as <c>B-nr</c>, each
    /// character's log-probability) into the per-character name and other-class columns.
    /// </summary>
    internal static Dictionary<char, float[]> ReadEmissions(Stream json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var table = new Dictionary<char, float[]>();
        string[] positions = ["B", "M", "E"];
        for (int column = 0; column < 6; column++)
        {
            var tags = column < 3 ? NameTags : OtherTags;
            foreach (var tag in tags)
            {
                if (!document.RootElement.TryGetProperty(positions[column % 3] + "-" + tag, out var state))
                {
                    continue;
                }

                foreach (var entry in state.EnumerateObject())
                {
                    if (entry.Name.Length != 1)
                    {
                        continue;
                    }

                    if (!table.TryGetValue(entry.Name[0], out var row))
                    {
                        row = [Unseen, Unseen, Unseen, Unseen, Unseen, Unseen];
                        table[entry.Name[0]] = row;
                    }

                    row[column] = Math.Max(row[column], (float)entry.Value.GetDouble());
                }
            }
        }

        return table;
    }

    /// <summary>The class of one of jieba's tags (the ICTCLAS tag set).</summary>
    internal static WordClass ClassOf(ReadOnlySpan<char> tag) => tag switch
    {
        "nr" or "nrt" or "nrfg" => WordClass.Person,
        "ns" => WordClass.Place,
        "nt" => WordClass.Organization,
        "nz" => WordClass.OtherProper,
        "t" or "tg" => WordClass.Time,
        "m" or "mq" or "q" => WordClass.Number,
        "n" or "ng" or "vn" or "an" or "j" or "l" or "i" or "s" or "g" => WordClass.Noun,
        "v" or "vd" or "vi" or "vg" or "vq" => WordClass.Verb,
        "a" or "ad" or "ag" or "b" or "z" or "zg" => WordClass.Modifier,
        _ => WordClass.Function,
    };

    private static PartsOfSpeech Load()
    {
        using var stream = typeof(PartsOfSpeech).Assembly.GetManifestResourceStream("jieba.dict.txt");
        if (stream is null)
        {
            return new PartsOfSpeech([], []);
        }

        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var classes = Read(reader)._classes;
        using var emissions = typeof(PartsOfSpeech).Assembly.GetManifestResourceStream("jieba.pos_prob_emit.json");
        return new PartsOfSpeech(classes, emissions is null ? [] : ReadEmissions(emissions));
    }
}
