namespace CoopBot.Engine.Text;

/// <summary>Offsets of sentences and clauses in Chinese text.</summary>
public static class TextSpans
{
    /// <summary>Whether a character is a Chinese character (CJK Unified Ideographs and Extension A).</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Sentences: ended by 。！？!? (and ; which ends a list item), each with its end punctuation.</summary>
    public static IReadOnlyList<(int Start, int End)> Sentences(string text) => Split(text, static c => c is '。' or '！' or '？' or '!' or '?' or '；' or ';');

    /// <summary>Clauses: sentences further cut at commas and colons.</summary>
    public static IReadOnlyList<(int Start, int End)> Clauses(string text) => Split(text, EndsClause);

    /// <summary>Whether a character ends a clause (<see cref="Clauses"/>): a sentence's end, a semicolon, a comma or a colon.</summary>
    public static bool EndsClause(char c) => c is '。' or '！' or '？' or '!' or '?' or '；' or ';' or '，' or ',' or '：' or ':';

    /// <summary>Whether a character joins the parts of a transliterated name (利安纳度·萨尔加多).</summary>
    public static bool IsNameDot(char c) => NameDots.Contains(c);

    /// <summary>The marks that join the parts of a transliterated name (<see cref="IsNameDot"/>).</summary>
    public const string NameDots = "·•・";

    private static List<(int Start, int End)> Split(string text, Func<char, bool> isEnd)
    {
        var spans = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            // A full stop inside a number (4901.5) is not an end; '.' is not used as an end at all.
            if (isEnd(text[i]))
            {
                spans.Add((start, i + 1));
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            spans.Add((start, text.Length));
        }

        if (spans.Count == 0)
        {
            spans.Add((0, 0));
        }

        return spans;
    }
}
