namespace CoopBot.Engine.Reading;

/// <summary>
/// The reader's trained models, shipped inside the engine (from the repository's <c>models/reader/</c>,
/// where their card says how they were trained): the span ranker and the answer/refuse model.
/// </summary>
public sealed class ReaderModels
{
    /// <summary>The span ranker's file name.</summary>
    public const string SpanFile = "span-ranker.json";

    /// <summary>The plain span ranker's file name (<see cref="PlainSpans"/>).</summary>
    public const string PlainSpanFile = "span-ranker-plain.json";

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

    private ReaderModels(TreeEnsemble spans, TreeEnsemble plainSpans, TreeEnsemble refusal, AnswerShapes shapes)
    {
        Shapes = shapes;
        Spans = spans;
        PlainSpans = plainSpans;
        Refusal = refusal;
    }

    /// <summary>
    /// Scores candidate spans (<see cref="SpanFeatures"/>, all of them); higher is a likelier answer. The
    /// answer/refuse model reads its scores.
    /// </summary>
    public TreeEnsemble Spans { get; }

    /// <summary>
    /// The span ranker trained on the same rows without the word-class features and the answer shapes (the first
    /// <see cref="SpanFeatures.PlainCount"/>). It errs on other spans than <see cref="Spans"/>, which leans on
    /// jieba's dictionary and on what training answers look like; the pick is by their mean (<see cref="PickScore(float[])"/>).
    /// </summary>
    public TreeEnsemble PlainSpans { get; }

    /// <summary>
    /// The score the answer is picked by: the mean of the two rankers' (measured on CMRC 2018 dev when the pair
    /// was first shipped, EM 41.8 with the word-class ranker alone, 40.0 with the plain one, 42.4 by the mean;
    /// docs/benchmarks.md).
    /// </summary>
    /// <param name="features">The candidate's features (<see cref="SpanFeatures.Names"/>).</param>
    public double PickScore(float[] features) => PickScore(features, Spans.Score(features));

    /// <summary>As <see cref="PickScore(float[])"/>, with the word-class ranker's score already known (two-stage ranking computes it).</summary>
    public double PickScore(float[] features, double spansScore) => Mean(PlainSpans, features, spansScore);

    /// <summary>The mean of a word-class ranker's score and a plain ranker's over the first of the same features (for rankers not yet shipped, in training).</summary>
    public static double Mean(TreeEnsemble plain, float[] features, double spansScore) =>
        (spansScore + plain.Score(features.AsSpan(0, plain.FeatureNames.Count))) / 2;

    /// <summary>What answers of each kind look like at their edges, counted from the rankers' training answers (their <c>shape_*</c> features).</summary>
    public AnswerShapes Shapes { get; }

    /// <summary>Scores a question and a passage (<see cref="RefusalFeatures"/>); above 0, the passage states the answer.</summary>
    public TreeEnsemble Refusal { get; }

    /// <summary>
    /// The models shipped with the engine, or null when this build carries none. Loaded on first use;
    /// models that do not fit this engine's features throw <see cref="InvalidDataException"/> (each
    /// time asked, not a type-initialiser failure), which the host and the command line report.
    /// </summary>
    public static ReaderModels? Shipped => LazyShipped.Value;

    private static readonly Lazy<ReaderModels?> LazyShipped = new(LoadShipped);

    /// <summary>Loads the three models and the shapes table from a folder (for freshly trained ones); <see cref="InvalidDataException"/> when one is missing or does not fit.</summary>
    public static ReaderModels Load(string dir)
    {
        // A folder trained before the plain ranker was added lacks its file: say so, not "file not found".
        foreach (var file in new[] { SpanFile, PlainSpanFile, RefusalFile, AnswerShapes.FileName })
        {
            if (!File.Exists(Path.Combine(dir, file)))
            {
                throw new InvalidDataException($"The reader's model folder {dir} has no {file}; train the reader into it (see models/reader/README.md).");
            }
        }

        using var spans = File.OpenRead(Path.Combine(dir, SpanFile));
        using var plain = File.OpenRead(Path.Combine(dir, PlainSpanFile));
        using var refusal = File.OpenRead(Path.Combine(dir, RefusalFile));
        using var shapes = File.OpenText(Path.Combine(dir, AnswerShapes.FileName));
        return Check(TreeEnsemble.Read(spans), TreeEnsemble.Read(plain), TreeEnsemble.Read(refusal), AnswerShapes.Read(shapes));
    }

    private static ReaderModels? LoadShipped()
    {
        var assembly = typeof(ReaderModels).Assembly;
        using var spans = assembly.GetManifestResourceStream("models.reader." + SpanFile);
        using var plain = assembly.GetManifestResourceStream("models.reader." + PlainSpanFile);
        using var refusal = assembly.GetManifestResourceStream("models.reader." + RefusalFile);
        using var shapes = assembly.GetManifestResourceStream("models.reader." + AnswerShapes.FileName);
        return spans is null || plain is null || refusal is null || shapes is null ? null
            : Check(TreeEnsemble.Read(spans), TreeEnsemble.Read(plain), TreeEnsemble.Read(refusal), AnswerShapes.Read(new StreamReader(shapes)));
    }

    /// <summary>A model trained on other features than this engine computes would score nonsense: refuse it.</summary>
    private static ReaderModels Check(TreeEnsemble spans, TreeEnsemble plain, TreeEnsemble refusal, AnswerShapes shapes)
    {
        if (!spans.FeatureNames.SequenceEqual(SpanFeatures.Names) || !plain.FeatureNames.SequenceEqual(SpanFeatures.Names[..SpanFeatures.PlainCount])
            || !refusal.FeatureNames.SequenceEqual(RefusalFeatures.Names))
        {
            throw new InvalidDataException("The reader's model files were trained on other features than this engine computes; retrain them (see models/reader/README.md).");
        }

        return new ReaderModels(spans, plain, refusal, shapes);
    }
}
