using System.Reflection;

namespace CoopBot.Engine.Text;

/// <summary>
/// Traditional → Simplified Chinese conversion with OpenCC's tables (Apache-2.0, shipped as embedded
/// resources with their licence under <c>Data/opencc</c>). Like OpenCC it takes the longest phrase
/// match first, then single characters.
/// </summary>
public sealed class ChineseConverter
{
    private readonly Dictionary<char, char> _characters;
    private readonly Dictionary<string, string> _phrases;
    private readonly int _longestPhrase;

    private ChineseConverter(Dictionary<char, char> characters, Dictionary<string, string> phrases)
    {
        _characters = characters;
        _phrases = phrases;
        _longestPhrase = phrases.Count == 0 ? 0 : phrases.Keys.Max(k => k.Length);
    }

    /// <summary>The converter built from the embedded OpenCC tables, loaded once.</summary>
    public static ChineseConverter TraditionalToSimplified { get; } = Load();

    /// <summary>Converts phrases and characters; the result may differ in length from the input.</summary>
    public string Convert(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            bool matched = false;
            for (int len = Math.Min(_longestPhrase, text.Length - i); len >= 2; len--)
            {
                if (_phrases.TryGetValue(text.Substring(i, len), out var simplified))
                {
                    sb.Append(simplified);
                    i += len;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                sb.Append(ConvertChar(text[i]));
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Character-only conversion: keeps every offset, so spans found in the result map back to the input.</summary>
    public char ConvertChar(char c) => _characters.TryGetValue(c, out var s) ? s : c;

    private static ChineseConverter Load()
    {
        var characters = new Dictionary<char, char>();
        foreach (var (from, to) in ReadTable("opencc.TSCharacters.txt"))
        {
            // Only one-to-one BMP mappings keep offsets stable; the few others are rare variants.
            if (from.Length == 1 && to.Length == 1 && from[0] != to[0])
            {
                characters[from[0]] = to[0];
            }
        }

        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in ReadTable("opencc.TSPhrases.txt"))
        {
            phrases[from] = to;
        }

        return new ChineseConverter(characters, phrases);
    }

    private static IEnumerable<(string From, string To)> ReadTable(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded OpenCC table {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
            {
                continue;
            }

            var target = line[(tab + 1)..];
            var space = target.IndexOf(' ');
            yield return (line[..tab], space < 0 ? target : target[..space]);
        }
    }
}
