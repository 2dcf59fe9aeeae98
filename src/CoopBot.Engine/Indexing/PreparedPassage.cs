using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// A passage as the answer path reads it: folded once (width, case, script) with its sentences cut
/// out, when the index is opened rather than on every question.
/// </summary>
public sealed class PreparedPassage
{
    /// <summary>Prepares a passage.</summary>
    /// <param name="passage">The passage.</param>
    /// <param name="ordinal">Its position in the index's passage list: the stable tie-breaker in rankings.</param>
    public PreparedPassage(Passage passage, int ordinal)
    {
        Passage = passage;
        Ordinal = ordinal;
        Folded = TextNormalizer.FoldPreservingOffsets(passage.Text);
        Sentences = TextSpans.Sentences(Folded).Select(s => new Sentence(s.Start, Folded[s.Start..s.End])).ToArray();
    }

    /// <summary>The passage.</summary>
    public Passage Passage { get; }

    /// <summary>Its position in the index's passage list.</summary>
    public int Ordinal { get; }

    /// <summary>Its text folded with offsets kept (<see cref="TextNormalizer.FoldPreservingOffsets"/>).</summary>
    public string Folded { get; }

    /// <summary>
    /// Its article's title folded like <see cref="Folded"/>, read by the span features (what a question asks beyond
    /// the article's subject); folded on first use, once per passage rather than once per question.
    /// </summary>
    public string FoldedTitle => _foldedTitle ??= TextNormalizer.FoldPreservingOffsets(Passage.ArticleTitle);

    private string? _foldedTitle;

    /// <summary>Its sentences, folded, with their offsets.</summary>
    public IReadOnlyList<Sentence> Sentences { get; }

    /// <summary>The sentence that holds <paramref name="offset"/> (the whole passage when it has none).</summary>
    public Sentence SentenceAt(int offset) => Sentences.LastOrDefault(s => s.Start <= offset) ?? new Sentence(0, Folded);

    /// <summary>Where the clause that holds <paramref name="offset"/> begins: after the last comma, semicolon or full stop before it.</summary>
    public int ClauseStart(int offset) => Math.Max(0, Folded.LastIndexOfAny([',', '，', '；', ';', '。'], Math.Max(0, offset - 1)) + 1);

    /// <summary>A sentence of a passage.</summary>
    /// <param name="Start">Offset in the passage.</param>
    /// <param name="Text">The folded sentence.</param>
    public sealed record Sentence(int Start, string Text);
}
