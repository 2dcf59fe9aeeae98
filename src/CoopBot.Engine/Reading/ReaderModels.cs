namespace CoopBot.Engine.Reading;

/// <summary>
/// The reader's trained models, shipped inside the engine (from the repository's <c>models/reader/</c>,
/// where their card says how they were trained): the span ranker and the answer/refuse model.
/// </summary>
public sealed class ReaderModels
{
    /// <summary>The span ranker's file name.</summary>
    public const string SpanFile = "span-ranker.json";

    /// <summary>The answer/refuse model's file name.</summary>
    public const string RefusalFile = "refusal.json";

    /// <summary>
    /// The span to answer with: the ranker's best, except for a list question (哪些), where the
    /// hand-written extractor's enumeration (A、B、C after its verb) is taken when it finds one: measured
    /// per kind on the training data's validation articles, the extractor beats the ranker only there
    /// (the figures are in the card, models/reader/README.md).
    /// </summary>
    public static SpanCandidate? Pick(Retrieval.AnswerKind kind, IReadOnlyList<(SpanCandidate Candidate, double Score)> bestFirst, AnswerSpan? rule)
    {
        if (kind == Retrieval.AnswerKind.List && rule is not null)
        {
            return bestFirst.Select(x => x.Candidate).FirstOrDefault(c => c.Start == rule.Start && c.Length == rule.Length)
                ?? new SpanCandidate(rule.Start, rule.Length, []);
        }

        return bestFirst.Count == 0 ? null : bestFirst[0].Candidate;
    }

    private ReaderModels(TreeEnsemble spans, TreeEnsemble refusal)
    {
        Spans = spans;
        Refusal = refusal;
    }

    /// <summary>Scores candidate spans (<see cref="SpanFeatures"/>); higher is a likelier answer.</summary>
    public TreeEnsemble Spans { get; }

    /// <summary>Scores a question and a passage (<see cref="RefusalFeatures"/>); above 0, the passage states the answer.</summary>
    public TreeEnsemble Refusal { get; }

    /// <summary>
    /// The models shipped with the engine, or null when this build carries none. Loaded on first use;
    /// models that do not fit this engine's features throw <see cref="InvalidDataException"/> (each
    /// time asked, not a type-initialiser failure), which the host and the command line report.
    /// </summary>
    public static ReaderModels? Shipped => LazyShipped.Value;

    private static readonly Lazy<ReaderModels?> LazyShipped = new(LoadShipped);

    /// <summary>Loads the two models from a folder (for a freshly trained pair).</summary>
    public static ReaderModels Load(string dir)
    {
        using var spans = File.OpenRead(Path.Combine(dir, SpanFile));
        using var refusal = File.OpenRead(Path.Combine(dir, RefusalFile));
        return Check(TreeEnsemble.Read(spans), TreeEnsemble.Read(refusal));
    }

    private static ReaderModels? LoadShipped()
    {
        var assembly = typeof(ReaderModels).Assembly;
        using var spans = assembly.GetManifestResourceStream("models.reader." + SpanFile);
        using var refusal = assembly.GetManifestResourceStream("models.reader." + RefusalFile);
        return spans is null || refusal is null ? null : Check(TreeEnsemble.Read(spans), TreeEnsemble.Read(refusal));
    }

    /// <summary>A model trained on other features than this engine computes would score nonsense: refuse it.</summary>
    private static ReaderModels Check(TreeEnsemble spans, TreeEnsemble refusal)
    {
        if (!spans.FeatureNames.SequenceEqual(SpanFeatures.Names) || !refusal.FeatureNames.SequenceEqual(RefusalFeatures.Names))
        {
            throw new InvalidDataException("The reader's model files were trained on other features than this engine computes; retrain them (see models/reader/README.md).");
        }

        return new ReaderModels(spans, refusal);
    }
}
