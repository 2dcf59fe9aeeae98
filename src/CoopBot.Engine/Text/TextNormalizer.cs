namespace CoopBot.Engine.Text;

/// <summary>
/// Folds the surface variation that must not change meaning: full-width ASCII and ideographic space
/// to half-width, Traditional characters to Simplified. <see cref="FoldPreservingOffsets"/> keeps the
/// length, so an offset found in folded passage text is an offset in the text as printed.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Length-preserving fold used for passage text: width, case and character-level Traditional→Simplified.</summary>
    public static string FoldPreservingOffsets(string text) => Fold(text, keepPunctuation: false);

    /// <summary>
    /// The fold for text given to the indexer: like <see cref="FoldPreservingOffsets"/>, except that
    /// only letters, digits and the ideographic space lose their full width. Punctuation stays as
    /// printed because SmartCn's model was trained on it: its word-pair statistics know "，" and "（",
    /// not "," and "(", so half-width punctuation in Chinese text both segments worse and costs
    /// SmartCn twice the time (failed pair lookups).
    /// </summary>
    public static string FoldForAnalysis(string text) => Fold(text, keepPunctuation: true);

    private static string Fold(string text, bool keepPunctuation) =>
        string.Create(text.Length, (text, keepPunctuation), static (span, state) =>
        {
            var converter = ChineseConverter.TraditionalToSimplified;
            var (src, keep) = state;
            for (int i = 0; i < src.Length; i++)
            {
                char c = src[i], folded = FoldWidth(c);
                if (keep && !char.IsAsciiLetterOrDigit(folded) && folded != ' ')
                {
                    folded = c;
                }

                span[i] = LowerInvariant(converter.ConvertChar(folded));
            }
        });

    /// <summary>
    /// <see cref="char.ToLowerInvariant"/>, without its call into ICU for the characters that have no
    /// case at all (CJK punctuation, kana, ideographs, Yi: U+2E80–U+A4CF), which are most of the text.
    /// </summary>
    public static char LowerInvariant(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        < '\u0080' => c,
        >= '\u2E80' and <= '\uA4CF' => c,
        _ => char.ToLowerInvariant(c),
    };

    /// <summary>
    /// Normalises a question: width, Traditional→Simplified (phrases first), everyday forms to written
    /// ones (<see cref="Colloquial"/>), calendar dates to the Arabic numerals pages print them in
    /// (<see cref="CalendarNumerals"/>), white space collapsed and trimmed, and runs of trailing
    /// punctuation reduced to none.
    /// </summary>
    public static string NormalizeQuestion(string question)
    {
        var sb = new System.Text.StringBuilder(question.Length);
        bool pendingSpace = false;
        foreach (char raw in question)
        {
            char c = FoldWidth(raw);
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c))
            {
                pendingSpace = sb.Length > 0 && char.IsWhiteSpace(c);
                continue;
            }

            if (pendingSpace && sb.Length > 0 && (IsAsciiLetterOrDigit(sb[^1]) && IsAsciiLetterOrDigit(c)))
            {
                // A space only matters between two Latin words or numbers; between Chinese characters it is noise.
                sb.Append(' ');
            }

            pendingSpace = false;
            sb.Append(c);
        }

        var simplified = CalendarNumerals.ToArabic(Colloquial.ToWritten(ChineseConverter.TraditionalToSimplified.Convert(sb.ToString())));
        return simplified.TrimEnd('?', '!', '.', '。', ',', ';', '~', '…', ' ').ToLowerInvariant();
    }

    /// <summary>Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms.</summary>
    public static char FoldWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static bool IsAsciiLetterOrDigit(char c) => c < 128 && char.IsLetterOrDigit(c);
}
