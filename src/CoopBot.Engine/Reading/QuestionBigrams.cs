using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// The question's character bigrams as a passage prints them, each weighed by how few of the passage's
/// sentences print it (<see cref="SpanFeatures.Rarity"/>). Words match only where SmartCn cut the question
/// and the sentence alike; a name it does not know (徐展堂 → 徐/展/堂) becomes three keywords that outweigh
/// the verb asked about (逝世), and a verb the sentence shortens (建立 → 建) matches nothing. Bigrams
/// need no segmentation, and the passage's own counts weigh down what it repeats (its topic).
/// </summary>
internal sealed class QuestionBigrams
{
    /// <summary>Reads the question's bigrams in each sentence of a passage.</summary>
    /// <param name="question">The analysed question (its question word is not read).</param>
    /// <param name="sentences">The passage's sentences.</param>
    public QuestionBigrams(QuestionAnalysis question, IReadOnlyList<PreparedPassage.Sentence> sentences)
    {
        var q = question.Normalized;
        var parts = new List<string>();
        int from = 0;
        for (int i = 0; i <= q.Length; i++)
        {
            bool cut = i == q.Length || (question.WhStart >= 0 && i >= question.WhStart && i < question.WhStart + question.WhLength)
                || char.IsWhiteSpace(q[i]) || char.IsPunctuation(q[i]) || char.IsSymbol(q[i]);
            if (cut)
            {
                if (i > from)
                {
                    parts.Add(q[from..i]);
                }

                from = i + 1;
            }
        }

        _parts = parts;
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            for (int i = 0; i + 2 <= part.Length; i++)
            {
                grams.Add(part.Substring(i, 2));
            }
        }

        int n = sentences.Count;
        var printed = new bool[n][];
        _weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var list = grams.ToList();
        for (int s = 0; s < n; s++)
        {
            printed[s] = list.Select(g => sentences[s].Text.Contains(g, StringComparison.Ordinal)).ToArray();
        }

        var weights = new double[list.Count];
        for (int g = 0; g < list.Count; g++)
        {
            int count = 0;
            for (int s = 0; s < n; s++)
            {
                count += printed[s][g] ? 1 : 0;
            }

            weights[g] = SpanFeatures.Rarity(n, count);
            _weights[list[g]] = weights[g];
            Total += weights[g];
        }

        Total = Math.Max(Total, 1e-9);
        Share = new float[n];
        WithPrevious = new float[n];
        Rank = new float[n];
        LongestCommon = new float[n];
        for (int s = 0; s < n; s++)
        {
            double own = 0, both = 0;
            for (int g = 0; g < list.Count; g++)
            {
                own += printed[s][g] ? weights[g] : 0;
                both += printed[s][g] || (s > 0 && printed[s - 1][g]) ? weights[g] : 0;
            }

            Share[s] = (float)(own / Total);
            WithPrevious[s] = (float)(both / Total);
            LongestCommon[s] = Longest(sentences[s].Text);
        }

        for (int s = 0; s < n; s++)
        {
            Rank[s] = Share.Count(o => o > Share[s]);
        }

        _sentences = sentences;
    }

    private readonly List<string> _parts;
    private readonly Dictionary<string, double> _weights;
    private readonly IReadOnlyList<PreparedPassage.Sentence> _sentences;

    /// <summary>The weight of all the question's bigrams (printed or not).</summary>
    public double Total { get; }

    /// <summary>Each sentence's share of <see cref="Total"/>.</summary>
    public float[] Share { get; }

    /// <summary>How many sentences have a greater <see cref="Share"/> than each.</summary>
    public float[] Rank { get; }

    /// <summary>Each sentence's share with the sentence before it (a sentence that leaves its subject to the one before).</summary>
    public float[] WithPrevious { get; }

    /// <summary>The longest run of the question's characters (outside its question word) each sentence prints.</summary>
    public float[] LongestCommon { get; }

    /// <summary>
    /// Prefix sums over a sentence of the weight of the question's bigram that begins at each position:
    /// element i holds the weight of those beginning before i.
    /// </summary>
    public double[] PrefixSums(int sentence)
    {
        var s = _sentences[sentence].Text;
        var sums = new double[s.Length + 1];
        var weights = _weights.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < s.Length; i++)
        {
            double w = i + 1 < s.Length && weights.TryGetValue(s.AsSpan(i, 2), out var found) ? found : 0;
            sums[i + 1] = sums[i] + w;
        }

        return sums;
    }

    private int Longest(string sentence)
    {
        int best = 0;
        foreach (var part in _parts)
        {
            for (int i = 0; i + best < part.Length; i++)
            {
                // Grow the run from i only past the best so far: a shorter one cannot win.
                int length = best + 1;
                while (i + length <= part.Length && sentence.AsSpan().IndexOf(part.AsSpan(i, length), StringComparison.Ordinal) >= 0)
                {
                    best = length++;
                }
            }
        }

        return best;
    }
}
