namespace CoopBot.Engine.Answering;

/// <summary>
/// Every tuned number of the answer path (retrieval, re-ranking, the answer/refuse gate) in one
/// place, each with what it does. How each was chosen, and what the alternatives measured, is in
/// <c>docs/benchmarks.md</c> ("Tuned weights"). The learned reader's own parameters live in its
/// models (<c>models/reader/</c>); the hand-written extractor's rule scores are features those models
/// weigh, not weights of the answer.
/// </summary>
public sealed record AnswerTuning
{
    /// <summary>The numbers CoopBot ships with.</summary>
    public static AnswerTuning Default { get; } = new();

    /// <summary>How many Lucene hits are re-ranked on how much of the question they hold.</summary>
    public int RetrievalCandidates { get; init; } = 30;

    /// <summary>
    /// At most this many keywords (the most telling, by IDF) go into the query, two clauses each: far
    /// more than a question has, and with <see cref="MaxQueryBigrams"/> well inside Lucene's 1,024-clause
    /// limit, so no question under the length limit can overflow it.
    /// </summary>
    public int MaxQueryKeywords { get; init; } = 48;

    /// <summary>At most this many character bigrams (the rarest in the index) go into the query.</summary>
    public int MaxQueryBigrams { get; init; } = 96;

    /// <summary>
    /// A query term is common when more than this share of the passages hold it, and more than
    /// <see cref="CommonTermMinDocs"/>; common terms are left out of the Lucene query (the re-rank on
    /// coverage still weighs them). On the 1 GB archive a word such as 合作 has hundreds of thousands
    /// of postings, and scoring them was most of a question's time: p99 60 → 33 ms. On CMRC 2018 dev
    /// with the floor removed (every term held by more than 5% of passages left out) F1 stays 51.3 and
    /// EM 33.3 → 33.4 (docs/benchmarks.md).
    /// </summary>
    public double CommonTermShare { get; init; } = 0.05;

    /// <summary>
    /// The reader's first stage: every candidate span is scored by this many of the span ranker's
    /// trees, and only the <see cref="ReaderKeep"/> best by the whole ensemble (TreeEnsemble.Rank).
    /// Scoring every candidate by all 300 trees took 60% of a question's reading (docs/benchmarks.md).
    /// </summary>
    public int ReaderFirstTrees { get; init; } = 100;

    /// <summary>Candidates the reader scores by the whole span ranker after its first stage.</summary>
    public int ReaderKeep { get; init; } = 96;

    /// <summary>Below this many passages holding it, no term is common: small corpora (the seed page, CMRC 2018 dev) are searched as they always were.</summary>
    public int CommonTermMinDocs { get; init; } = 5000;

    /// <summary>Boost of a keyword found in the article title or section heading, against 1 in the passage.</summary>
    public float ContextBoost { get; init; } = 0.3f;

    /// <summary>Boost of a character bigram match, against 1 for a SmartCn word match.</summary>
    public float BigramBoost { get; init; } = 0.5f;

    /// <summary>How many of the searcher's best passages are re-ranked by the short answer they hold.</summary>
    public int AnswerRerankDepth { get; init; } = 5;

    /// <summary>
    /// Added to the score of a passage published in a year the question names (2021年…是多少): in an
    /// archive of several years, the page of that time comes first. About a tenth of the score's range
    /// (BM25 share + coverage + sentence coverage, 0–3), so it orders pages that hold the question
    /// about equally well and never lifts one that does not hold it.
    /// </summary>
    public double PublishedYearBonus { get; init; } = 0.3;

    /// <summary>How much the short answer's fit counts in that re-ranking when a quantity or a date is asked (strong evidence).</summary>
    public double TypedAnswerWeight { get; init; } = 0.5;

    /// <summary>The same for other questions, where a blank filled between matched words is weak evidence.</summary>
    public double OtherAnswerWeight { get; init; } = 0.1;

    /// <summary>
    /// Least share of the question's keyword weight (IDF over the articles) the best passage must hold
    /// for an answer: below it, what the question is about is not in the articles.
    /// </summary>
    public double MinCoverage { get; init; } = 0.5;

    /// <summary>
    /// The learned reader's topic check: least share of the question's keyword weight (IDF over the
    /// articles) the passage it reads must hold, unless it holds the question's nouns by general usage
    /// (<see cref="GeneralCoverage"/>). Below <see cref="MinCoverage"/>, because a chat question's everyday
    /// words (来回, 人次, 一块儿) are rare on a news page and so weigh most there: on the 1,000 CMRC 2018
    /// questions asked of the seed page, no question that passes the reader's other checks holds more
    /// than 0.33; the colloquial seed questions it let through hold 0.42–0.46. Every threshold from 0.35
    /// to 0.45 gives the same seed and cross-corpus results (docs/benchmarks.md).
    /// </summary>
    public double TopicCoverage { get; init; } = 0.4;

    /// <summary>Least share of the weight of the question's nouns (general usage, <see cref="Reading.WordWeights"/>, as printed or by a synonym) that also lets a passage through, when it names every place, body and person the question names.</summary>
    public double GeneralCoverage { get; init; } = 0.5;

    /// <summary>How far below the best passage's score a passage that prints the standing, cumulative figure may rank and still be read first for a question that names no date or occasion.</summary>
    public double ScopeMargin { get; init; } = 0.3;

    /// <summary>The answer/refuse model's score above which the engine answers (0: the boundary its trainer set, the validation threshold with the best 0.8/0.2-weighted accuracy).</summary>
    public double RefusalThreshold { get; init; }
}
