using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Whether a passage states what a question asks, as features for the answer/refuse model: how much
/// of the question's weight (by general usage, <see cref="WordWeights"/>) the passage and its best
/// sentence hold, the heaviest word it lacks (the key constraint: 韩国, 出生, 总经理), how much of the
/// question's character pairs it holds (robust to segmentation), and how sure the span ranker is of
/// its best span and by how much it beats the next.
/// </summary>
public static class RefusalFeatures
{
    /// <summary>The feature names, in order.</summary>
    public static readonly string[] Names =
    [
        "kind", "keywords", "total_weight", "coverage", "sentence_coverage", "max_missing", "missing_share",
        "heavy_found", "heavy_missing", "bigram_coverage", "best_score", "second_score", "score_gap",
        "candidates", "best_left_align", "best_right_align", "best_proximity", "best_unit_fit", "best_is_number",
        "best_is_date", "question_has_unit", "best_chars", "best_inside_question",
        "idf_coverage", "idf_max_missing", "idf_sentence_coverage",
        "synonym_coverage", "synonym_max_missing", "synonym_sentence_coverage",
        "noun_coverage", "noun_max_missing", "verb_missing_share", "head_found", "head_weight", "names_missing",
    ];

    private static readonly int LeftAlign = Array.IndexOf(SpanFeatures.Names, "left_align_skip");
    private static readonly int RightAlign = Array.IndexOf(SpanFeatures.Names, "right_align_skip");
    private static readonly int Proximity = Array.IndexOf(SpanFeatures.Names, "proximity");
    private static readonly int UnitFit = Array.IndexOf(SpanFeatures.Names, "unit_fit");
    private static readonly int IsNumber = Array.IndexOf(SpanFeatures.Names, "is_number");
    private static readonly int IsDate = Array.IndexOf(SpanFeatures.Names, "is_date");
    private static readonly int Chars = Array.IndexOf(SpanFeatures.Names, "span_chars");
    private static readonly int InsideQuestion = Array.IndexOf(SpanFeatures.Names, "inside_question");

    /// <summary>The features of a question and a passage, given the span ranker's scores of its candidates.</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="passage">The passage.</param>
    /// <param name="weights">The keywords' weights by general usage (<see cref="WordWeights"/>).</param>
    /// <param name="idf">The keywords' weights by how rare they are among the articles searched (IDF): a word no article uses is a topic they do not cover.</param>
    /// <param name="scored">The span ranker's candidates with their scores (the best of them, when the ranker left the rest out).</param>
    /// <param name="meaning">Which keywords the passage holds by meaning, when the caller has it already.</param>
    /// <param name="candidates">How many candidates the passage had, when <paramref name="scored"/> holds only the best (the model reads the count).</param>
    public static float[] Compute(QuestionAnalysis question, PreparedPassage passage, IReadOnlyDictionary<string, double> weights, IReadOnlyDictionary<string, double> idf, IReadOnlyList<(SpanCandidate Candidate, double Score)> scored, MeaningMatch? meaning = null, int? candidates = null)
    {
        double idfTotal = idf.Values.Sum(), idfFound = 0, idfMaxMissing = 0;
        foreach (var (word, weight) in idf)
        {
            if (passage.Folded.Contains(word, StringComparison.Ordinal))
            {
                idfFound += weight;
            }
            else
            {
                idfMaxMissing = Math.Max(idfMaxMissing, weight);
            }
        }

        double idfSentence = passage.Sentences.Select(s => PassageSearcher.Coverage(s.Text, idf)).DefaultIfEmpty(0).Max();
        double total = weights.Values.Sum();
        double found = 0, maxMissing = 0;
        int heavyFound = 0, heavyMissing = 0;
        foreach (var (word, weight) in weights)
        {
            bool present = passage.Folded.Contains(word, StringComparison.Ordinal);
            found += present ? weight : 0;
            if (!present)
            {
                maxMissing = Math.Max(maxMissing, weight);
            }

            if (weight >= 2.5)
            {
                heavyFound += present ? 1 : 0;
                heavyMissing += present ? 0 : 1;
            }
        }

        double sentence = passage.Sentences.Select(s => PassageSearcher.Coverage(s.Text, weights)).DefaultIfEmpty(0).Max();

        // The same by meaning: a word counts as found when the passage prints it or a synonym of it
        // (寄存 → 存放), so everyday wording is not mistaken for a missing constraint; and the nouns
        // and names apart from the verbs, where people paraphrase (寄存, 攒, 溜达).
        meaning ??= new MeaningMatch(passage.Folded, weights);
        double synonymSentence = passage.Sentences.Select(s => new MeaningMatch(s.Text, weights).Coverage).DefaultIfEmpty(0).Max();
        var head = Head(question, weights);

        var best = scored.Count == 0 ? default : scored.MaxBy(x => x.Score);
        double second = scored.Where(x => x.Candidate != best.Candidate && !Overlaps(x.Candidate, best.Candidate)).Select(x => x.Score).DefaultIfEmpty(-10).Max();
        var f = best.Candidate?.Features;
        return
        [
            (float)question.Kind, weights.Count, (float)total, (float)(total == 0 ? 0 : found / total), (float)sentence,
            (float)maxMissing, (float)(total == 0 ? 0 : (total - found) / total), heavyFound, heavyMissing,
            (float)BigramCoverage(question.WithoutQuestionWord, passage.Folded),
            (float)(f is null ? -10 : best.Score), (float)second, (float)(f is null ? 0 : best.Score - second), candidates ?? scored.Count,
            f?[LeftAlign] ?? 0, f?[RightAlign] ?? 0, f?[Proximity] ?? 0, f?[UnitFit] ?? 0, f?[IsNumber] ?? 0, f?[IsDate] ?? 0,
            question.Unit is null ? 0 : 1, f?[Chars] ?? 0, f?[InsideQuestion] ?? 0,
            (float)(idfTotal == 0 ? 0 : idfFound / idfTotal), (float)idfMaxMissing, (float)idfSentence,
            (float)meaning.Coverage, (float)meaning.MaxMissing, (float)synonymSentence,
            (float)meaning.NounCoverage, (float)meaning.NounMaxMissing, (float)meaning.VerbMissingShare,
            head is null ? -1 : meaning.Holds(head) ? 1 : 0, head is null ? 0 : (float)weights[head],
            meaning.NamesMissing,
        ];
    }

    /// <summary>
    /// The noun the question asks about: in 深哈产业园的总经理是谁, 总经理 (the nearest noun before the
    /// question word, or after it when the question opens with it); in 搞了个什么机制 or 哪个国家重点实验室,
    /// the noun the question word qualifies (机制, and 实验室 of 国家重点实验室). A passage that never names it
    /// does not say what is asked, however much else of the question it holds. Null when none.
    /// </summary>
    public static string? Head(QuestionAnalysis question, IReadOnlyDictionary<string, double> weights)
    {
        if (question.WhStart < 0)
        {
            return null;
        }

        // The head of a Chinese noun compound is its last word (国家重点实验室 → 实验室).
        if (question.Kind is not (AnswerKind.Quantity or AnswerKind.Date) && SpanFeatures.TypeNounOf(question, weights.Keys) is { Length: > 0 } qualified
            && weights.Keys.Where(w => qualified.EndsWith(w, StringComparison.Ordinal)).MaxBy(w => w.Length) is { } last)
        {
            return last;
        }

        string? before = null, after = null;
        int beforeEnd = -1, afterStart = int.MaxValue;
        foreach (var word in weights.Keys)
        {
            if (Synonyms.Shared.IsVerb(word))
            {
                continue;
            }

            int at = question.Normalized.IndexOf(word, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (at + word.Length <= question.WhStart && at + word.Length > beforeEnd)
            {
                (before, beforeEnd) = (word, at + word.Length);
            }
            else if (at >= question.WhStart + question.WhLength && at < afterStart)
            {
                (after, afterStart) = (word, at);
            }
        }

        return before ?? after;
    }

    private static bool Overlaps(SpanCandidate a, SpanCandidate? b) =>
        b is not null && a.Start < b.Start + b.Length && b.Start < a.Start + a.Length;

    /// <summary>Share of the question's Chinese character pairs found in the passage.</summary>
    private static double BigramCoverage(string question, string passage)
    {
        int total = 0, found = 0;
        for (int i = 0; i + 1 < question.Length; i++)
        {
            if (!TextSpans.IsHan(question[i]) || !TextSpans.IsHan(question[i + 1]))
            {
                continue;
            }

            total++;
            found += passage.AsSpan().IndexOf(question.AsSpan(i, 2), StringComparison.Ordinal) >= 0 ? 1 : 0;
        }

        return total == 0 ? 0 : (double)found / total;
    }

}

/// <summary>
/// Which of a question's keywords a text holds by meaning, as printed or by a synonym
/// (<see cref="Synonyms"/>), each looked up once, and the shares that follow: of all the weight, of
/// the nouns' and names' weight (every keyword CC-CEDICT does not gloss mostly as a verb), and how
/// many proper names (<see cref="Synonyms.IsName"/>: 北京, 江苏, 华为) it lacks.
/// </summary>
public sealed class MeaningMatch
{
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    /// <summary>Matches the keywords <paramref name="weights"/> against <paramref name="text"/>.</summary>
    /// <param name="text">The passage or sentence, folded.</param>
    /// <param name="weights">The question's keywords and their weights.</param>
    /// <param name="home">The province whose paper the text is from (<see cref="HomeProvince"/>): its
    /// name is held where the text says 我省. Null when unknown.</param>
    /// <param name="homeImplied">Whether the text speaks of <paramref name="home"/> without 我省: it prints
    /// that province's officials the way its own paper does, without the province (省委书记张庆伟; <see cref="TitleHolders"/>).</param>
    public MeaningMatch(string text, IReadOnlyDictionary<string, double> weights, string? home = null, bool homeImplied = false)
    {
        double total = 0, found = 0, nouns = 0, nounsFound = 0, verbsMissing = 0;
        var ours = homeImplied ? home : HomeProvince.SaidIn(text, home);
        foreach (var (word, weight) in weights)
        {
            bool held = Synonyms.Shared.FoundIn(word, text) || HomeProvince.Names(word, ours);
            bool verb = Synonyms.Shared.IsVerb(word);
            total += weight;
            if (held)
            {
                _held.Add(word);
                found += weight;
            }
            else
            {
                MaxMissing = Math.Max(MaxMissing, weight);
                verbsMissing += verb ? weight : 0;
                NounMaxMissing = verb ? NounMaxMissing : Math.Max(NounMaxMissing, weight);
                NamesMissing += Synonyms.Shared.IsName(word) ? 1 : 0;
            }

            nouns += verb ? 0 : weight;
            nounsFound += !verb && held ? weight : 0;
        }

        Coverage = total == 0 ? 0 : found / total;
        NounCoverage = nouns == 0 ? 1 : nounsFound / nouns;
        VerbMissingShare = total == 0 ? 0 : verbsMissing / total;
    }

    /// <summary>Share of the weight the text holds.</summary>
    public double Coverage { get; }

    /// <summary>The heaviest keyword it lacks (0 when it lacks none).</summary>
    public double MaxMissing { get; }

    /// <summary>Share of the nouns' and names' weight it holds; 1 when the question has none.</summary>
    public double NounCoverage { get; }

    /// <summary>The heaviest noun or name it lacks (0 when it lacks none).</summary>
    public double NounMaxMissing { get; }

    /// <summary>Share of the weight of the verbs it lacks.</summary>
    public double VerbMissingShare { get; }

    /// <summary>How many of the question's proper names it lacks.</summary>
    public int NamesMissing { get; }

    /// <summary>Whether it holds <paramref name="word"/>, one of the keywords matched.</summary>
    public bool Holds(string word) => _held.Contains(word);
}
