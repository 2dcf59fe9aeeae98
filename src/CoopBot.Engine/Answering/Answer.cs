using CoopBot.Engine.Ingestion;

namespace CoopBot.Engine.Answering;

/// <summary>A passage quoted in an answer, with the answer's place in it when it holds the answer.</summary>
/// <param name="Passage">The passage.</param>
/// <param name="Score">Its ranking score for the question.</param>
/// <param name="AnswerStart">Offset of the short answer in <see cref="Passage.Text"/>, or null.</param>
/// <param name="AnswerLength">Length of the short answer, or 0.</param>
public sealed record QuotedPassage(Passage Passage, double Score, int? AnswerStart, int AnswerLength);

/// <summary>Why a question got no short answer.</summary>
public enum NoAnswerReason
{
    /// <summary>It was answered.</summary>
    None,

    /// <summary>The question had nothing to search for (empty, only punctuation or question words).</summary>
    NothingToSearch,

    /// <summary>The articles do not hold it: what the question is about is not in the best passages.</summary>
    NotInArticles,

    /// <summary>Not a question: a greeting, thanks, a farewell or "who are you" (<see cref="Text.SmallTalk"/>).</summary>
    SmallTalk,

    /// <summary>A follow-up asked for an item (第二个呢) the earlier answer does not have: it was not a list, or a shorter one.</summary>
    NoSuchItem,

    /// <summary>A computation was asked for and could not be done (see <see cref="Answer.DerivationProblem"/>).</summary>
    CannotCompute,

    /// <summary>Too vague to answer (签约, 投资): the articles give several figures for it; <see cref="Answer.Clarifications"/> offers them as questions.</summary>
    TooVague,
}

/// <summary>
/// What the engine says to a question: the short answer (verbatim from the first passage) and the
/// passages that back it, best first. The bot and the command line only render this.
/// </summary>
/// <param name="Question">The question as asked.</param>
/// <param name="Answered">Whether a short answer was found in the articles.</param>
/// <param name="Text">The short answer, a substring of the first passage; null when not answered.</param>
/// <param name="Passages">Best passages first: the answer's passage, then the next best; when not answered, the closest ones.</param>
/// <param name="Reason">Why there is no answer, when there is none.</param>
public sealed record Answer(string Question, bool Answered, string? Text, IReadOnlyList<QuotedPassage> Passages, NoAnswerReason Reason)
{
    /// <summary>
    /// The reader's answer/refuse score for the first passage (above 0: the passage states the answer);
    /// null when the answer did not come from the learned reader (computed answers, rules-only engines).
    /// </summary>
    public double? Confidence { get; init; }

    /// <summary>For a figure: the scope it is printed with (截至目前, 2021年9月12日); null otherwise.</summary>
    public string? Scope { get; init; }

    /// <summary>For a figure: the other figures the articles give for the same measure, with their scopes (empty when none).</summary>
    public IReadOnlyList<OtherFigure> OtherFigures { get; init; } = [];

    /// <summary>The relative dates of the first passage (今年5月份, 截至目前), resolved to absolute ones.</summary>
    public IReadOnlyList<ResolvedDate> Dates { get; init; } = [];

    /// <summary>The date those were read against and how it was found; null when no date is known.</summary>
    public DateBasis? DateBasis { get; init; }

    /// <summary>
    /// For a computed answer (两省对俄贸易额2019年比2017年增长了多少): the formula and the figures it was
    /// computed from, each with its passage; <see cref="Text"/> is then the result, not a quote. Null for
    /// answers read from a passage. When the computation was not possible, the answer is not answered and
    /// <see cref="DerivationProblem"/> says why.
    /// </summary>
    public Derivation? Derivation { get; init; }

    /// <summary>Why a computation asked for was not done (a figure not in the articles, units that differ); null otherwise.</summary>
    public string? DerivationProblem { get; init; }

    /// <summary>For a question too vague to answer: complete questions, one per figure the articles give for it (empty otherwise).</summary>
    public IReadOnlyList<string> Clarifications { get; init; } = [];
}
