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
    /// <param name="title">The passage's article title, folded like its text ("" when it has none).</param>
    public QuestionBigrams(QuestionAnalysis question, IReadOnlyList<PreparedPassage.Sentence> sentences, string title = "")
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
        var topic = list.Select(g => title.Contains(g, StringComparison.Ordinal)).ToArray();
        double topicFree = 0;
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
            topicFree += topic[g] ? 0 : weights[g];
        }

        // What the question asks about its topic is in the bigrams the title does not print: a sentence that
        // names the article's subject (a fish, a company) in full outweighs, by bigrams, the later one that says
        // what is asked (母公司是…, 以…为食) and leaves the subject to the title. When the title prints none of the
        // question's bigrams, or all of them, the topic-free share is the plain one.
        bool split = topicFree > 0 && topic.Any(t => t);
        Total = Math.Max(Total, 1e-9);
        TopicFreeTotal = split ? topicFree : Total;
        _topicFree = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int g = 0; g < list.Count; g++)
        {
            if (!split || !topic[g])
            {
                _topicFree[list[g]] = weights[g];
            }
        }

        _title = title;

        // The same by characters: a sentence may say what is asked in a word that shares one character with the
        // question's (儿子 → 第五子, 出生地 → 出生于), which no bigram matches. Function characters say nothing of it.
        var chars = parts.SelectMany(p => p).Where(c => !FunctionChars.Contains(c) && !char.IsWhiteSpace(c)).Distinct().ToArray();
        var charInTitle = chars.Select(c => title.Contains(c)).ToArray();
        bool charSplit = charInTitle.Any(t => t) && charInTitle.Any(t => !t);
        var charPrinted = sentences.Select(x => chars.Select(c => x.Text.Contains(c)).ToArray()).ToArray();
        var charWeights = new double[chars.Length];
        double charTotal = 0;
        for (int c = 0; c < chars.Length; c++)
        {
            int count = charPrinted.Count(p => p[c]);
            charWeights[c] = charSplit && charInTitle[c] ? 0 : SpanFeatures.Rarity(n, count);
            charTotal += charWeights[c];
        }

        TopicFreeChars = new float[n];
        for (int s = 0; s < n; s++)
        {
            double own = 0;
            for (int c = 0; c < chars.Length; c++)
            {
                own += charPrinted[s][c] ? charWeights[c] : 0;
            }

            TopicFreeChars[s] = charTotal > 0 ? (float)(own / charTotal) : 0;
        }

        Share = new float[n];
        WithPrevious = new float[n];
        LongestCommon = new float[n];
        TopicFreeShare = new float[n];
        for (int s = 0; s < n; s++)
        {
            double own = 0, both = 0, free = 0;
            for (int g = 0; g < list.Count; g++)
            {
                own += printed[s][g] ? weights[g] : 0;
                both += printed[s][g] || (s > 0 && printed[s - 1][g]) ? weights[g] : 0;
                free += printed[s][g] && (!split || !topic[g]) ? weights[g] : 0;
            }

            Share[s] = (float)(own / Total);
            TopicFreeShare[s] = (float)(free / TopicFreeTotal);
            WithPrevious[s] = (float)(both / Total);
            LongestCommon[s] = Longest(sentences[s].Text);
        }

        Rank = RanksOf(Share);
        TopicFreeRank = RanksOf(TopicFreeShare);
        TopicFreeCharRank = RanksOf(TopicFreeChars);
        TopicFreeMixedRank = RanksOf(TopicFreeShare.Zip(TopicFreeChars, (a, b) => a + b).ToArray());

        _sentences = sentences;
    }

    /// <summary>How many of <paramref name="shares"/> are greater than each (0 for the best).</summary>
    private static float[] RanksOf(float[] shares) => shares.Select(x => (float)shares.Count(o => o > x)).ToArray();

    private readonly List<string> _parts;
    private readonly Dictionary<string, double> _weights;
    private readonly Dictionary<string, double> _topicFree;
    private readonly string _title;
    private readonly IReadOnlyList<PreparedPassage.Sentence> _sentences;

    /// <summary>The weight of all the question's bigrams (printed or not).</summary>
    public double Total { get; }

    /// <summary>Each sentence's share of <see cref="Total"/>.</summary>
    public float[] Share { get; }

    /// <summary>How many sentences have a greater <see cref="Share"/> than each.</summary>
    public float[] Rank { get; }

    /// <summary>Each sentence's share with the sentence before it (a sentence that leaves its subject to the one before).</summary>
    public float[] WithPrevious { get; }

    /// <summary>The weight of the question's bigrams that the title does not print (<see cref="Total"/> when it prints none or all).</summary>
    public double TopicFreeTotal { get; }

    /// <summary>Each sentence's share of <see cref="TopicFreeTotal"/>: what it says of the question beyond the article's subject.</summary>
    public float[] TopicFreeShare { get; }

    /// <summary>How many sentences have a greater <see cref="TopicFreeShare"/> than each.</summary>
    public float[] TopicFreeRank { get; }

    /// <summary>Each sentence's share of the question's characters (function characters aside) that the title does not print, each weighed by how few sentences print it.</summary>
    public float[] TopicFreeChars { get; }

    /// <summary>How many sentences have a greater <see cref="TopicFreeChars"/> than each.</summary>
    public float[] TopicFreeCharRank { get; }

    /// <summary>How many sentences have a greater sum of <see cref="TopicFreeShare"/> and <see cref="TopicFreeChars"/> than each.</summary>
    public float[] TopicFreeMixedRank { get; }

    /// <summary>Characters that carry grammar rather than what a question is about.</summary>
    private const string FunctionChars = "的了着过是在和与及或跟同被把将对为于以由从向到之而也都又还就曾已所其这那个些有吗呢吧啊";

    /// <summary>The share of a span's bigrams that the article's title prints (the subject itself, rarely the answer).</summary>
    public float InTitle(ReadOnlySpan<char> span)
    {
        if (span.Length < 2 || _title.Length < 2)
        {
            return 0;
        }

        int hits = 0;
        for (int i = 0; i + 2 <= span.Length; i++)
        {
            hits += _title.AsSpan().IndexOf(span.Slice(i, 2), StringComparison.Ordinal) >= 0 ? 1 : 0;
        }

        return (float)hits / (span.Length - 1);
    }

    /// <summary>The longest run of the question's characters (outside its question word) each sentence prints.</summary>
    public float[] LongestCommon { get; }

    /// <summary>
    /// Prefix sums over a sentence of the weight of the question's bigram that begins at each position:
    /// element i holds the weight of those beginning before i.
    /// </summary>
    /// <param name="sentence">The sentence's index.</param>
    /// <param name="topicFree">Only the bigrams that count toward <see cref="TopicFreeTotal"/>.</param>
    public double[] PrefixSums(int sentence, bool topicFree = false)
    {
        var s = _sentences[sentence].Text;
        var sums = new double[s.Length + 1];
        var weights = (topicFree ? _topicFree : _weights).GetAlternateLookup<ReadOnlySpan<char>>();
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
