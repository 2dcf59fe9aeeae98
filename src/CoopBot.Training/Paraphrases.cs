using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Training;

/// <summary>
/// Chat-style rewordings of a training question, for the answer/refuse model. People in a chat do not
/// use the words the page prints (攒 for 累计, 互相推荐 for 互推, 药厂 for 医药企业): some of the
/// question's words are then missing from the very paragraph that answers it. The training questions
/// are written by annotators looking at the paragraph, so they copy its words, and a model trained on
/// them alone learns that a missing word means "refuse". Each rewording replaces some of the words the
/// paragraph prints with a synonym it does not print (CC-CEDICT, the engine's table) or with a word
/// from another question (a stand-in for an everyday word no dictionary links), keeping names, the
/// question word and anything in the answer. The same rewording is asked of the own paragraph
/// (answer) and of the best other paragraph (refuse), so what separates the two is no longer how many
/// words are printed but whether the passage states what is asked.
/// </summary>
internal static class Paraphrases
{
    /// <summary>Share of the question's printed words replaced.</summary>
    private const double ReplaceShare = 0.4;

    /// <summary>
    /// A rewording of <paramref name="question"/> (already analysed as <paramref name="analysis"/>) in
    /// which some of the words <paramref name="foldedContext"/> prints are replaced; null when none
    /// could be.
    /// </summary>
    public static string? Of(QuestionAnalysis analysis, string foldedContext, IReadOnlyCollection<string> gold, IReadOnlyList<string> pool, Random random)
    {
        var text = analysis.Normalized;
        var replacements = new List<(int At, int Length, string By)>();
        foreach (var word in analysis.Keywords)
        {
            if (word.Length < 2 || !TextSpans.IsHan(word[0]) || !foldedContext.Contains(word, StringComparison.Ordinal)
                || Synonyms.Shared.IsName(word) || gold.Any(g => g.Contains(word, StringComparison.Ordinal) || word.Contains(g, StringComparison.Ordinal))
                || random.NextDouble() >= ReplaceShare)
            {
                continue;
            }

            int at = text.IndexOf(word, StringComparison.Ordinal);
            if (at < 0 || replacements.Any(r => at < r.At + r.Length && at + word.Length > r.At) || (analysis.WhStart >= 0 && at < analysis.WhStart + analysis.WhLength && at + word.Length > analysis.WhStart))
            {
                continue;
            }

            var synonyms = Synonyms.Shared.Of(word).Where(s => s.Length >= 2 && !foldedContext.Contains(s, StringComparison.Ordinal)).Distinct().ToList();
            string? stand = synonyms.Count > 0 && random.NextDouble() < 0.5 ? synonyms[random.Next(synonyms.Count)] : null;
            for (int tries = 0; stand is null && tries < 5; tries++)
            {
                var candidate = pool[random.Next(pool.Count)];
                if (!foldedContext.Contains(candidate, StringComparison.Ordinal))
                {
                    stand = candidate;
                }
            }

            if (stand is null)
            {
                continue;
            }

            replacements.Add((at, word.Length, stand));
        }

        // From the end, so the offsets found in the question as asked stay right.
        foreach (var (at, length, by) in replacements.OrderByDescending(r => r.At))
        {
            text = string.Concat(text.AsSpan(0, at), by, text.AsSpan(at + length));
        }

        return replacements.Count == 0 ? null : text;
    }
}
