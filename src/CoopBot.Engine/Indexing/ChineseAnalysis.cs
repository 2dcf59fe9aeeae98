using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CoopBot.Engine.Indexing;

/// <summary>
/// The one place that builds the analysis chains. Two views of the same text are indexed: SmartCn
/// words (precise, but a segmentation error loses a match) and overlapping character bigrams (robust
/// to segmentation, noisier).
/// </summary>
/// <remarks>
/// Index time and question time share the chains but not the text folds that come before them, on
/// purpose. Passages go through <see cref="Text.TextNormalizer.FoldForAnalysis"/>: width, case and
/// character-level Traditional→Simplified, with Chinese punctuation kept as printed because SmartCn's
/// statistics were learned on it. Questions go through <see cref="Text.TextNormalizer.NormalizeQuestion"/>,
/// which also folds punctuation to half width, converts Traditional phrases (OpenCC's phrase table,
/// not only characters) and rewrites colloquial forms. A word can therefore segment differently in a
/// question than on the page, around punctuation or a phrase the two conversions treat differently;
/// the character bigrams, which both sides produce identically for the same characters, are what
/// keeps such a passage findable. <c>AnalysisTests</c> measures how often question-side and
/// index-side words agree on the seed page.
/// </remarks>
public static class ChineseAnalysis
{
    /// <summary>The Lucene compatibility version used everywhere.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>An analyzer that routes each field to its chain (<see cref="FieldNames"/>), for questions.</summary>
    public static Analyzer CreateAnalyzer() => Create(new SmartChineseAnalyzer(Version));

    /// <summary>
    /// The same chains for building an index: SmartCn words computed by <see cref="FastSmartChineseAnalyzer"/>
    /// (3–4× faster, token for token SmartChineseAnalyzer's: tested), or by SmartChineseAnalyzer itself
    /// if SmartCn's dictionaries cannot be reached. Its tables (about 18 MB) live as long as the analyzer,
    /// that is one build, so a running bot does not keep them.
    /// </summary>
    public static Analyzer CreateIndexingAnalyzer() => CreateIndexingAnalysis().Analyzer;

    /// <summary>
    /// The indexing chains with a description of them for the index manifest, and why the fast
    /// segmenter is not used when it is not (<paramref name="allowFast"/> false forces the fallback).
    /// </summary>
    public static IndexingAnalysis CreateIndexingAnalysis(bool allowFast = true)
    {
        string? failure = "disabled";
        var fast = allowFast ? FastSmartChineseAnalyzer.TryCreate(out failure) : null;
        var segmenter = fast is null ? AnalysisDescription.FallbackSegmenter : AnalysisDescription.FastSegmenter;
        return new IndexingAnalysis(Create((Analyzer?)fast ?? new SmartChineseAnalyzer(Version)), AnalysisDescription.Current(segmenter), fast is null ? failure : null);
    }

    private static Analyzer Create(Analyzer words) =>
        new PerFieldAnalyzerWrapper(
            words,
            new Dictionary<string, Analyzer>
            {
                [FieldNames.Bigrams] = new BigramAnalyzer(),
            });

    /// <summary>The terms an analyzer produces for <paramref name="text"/> in <paramref name="field"/>.</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>CJK characters as overlapping bigrams; Latin words and numbers whole, lower-cased.</summary>
    private sealed class BigramAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = new CJKWidthFilter(source);
            result = new InvariantLowerCaseFilter(Version, result);
            result = new CJKBigramFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }
}

/// <summary>The analyzer an index is built with, what the manifest records of it, and why the fast segmenter was not used (null when it was).</summary>
/// <param name="Analyzer">The per-field analyzer.</param>
/// <param name="Description">What built the index, recorded in its manifest.</param>
/// <param name="FallbackReason">Why SmartChineseAnalyzer itself segments instead of <see cref="FastSmartChineseAnalyzer"/>; null when the fast one is used.</param>
public sealed record IndexingAnalysis(Analyzer Analyzer, AnalysisDescription Description, string? FallbackReason) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Analyzer.Dispose();
}

/// <summary>
/// What analysed an index, as recorded in its manifest. Every part that decides which terms a passage
/// gets is described from the running code, not from a hand-bumped number: a different SmartCn or
/// Lucene build, or text folds that map any character differently, make a different description,
/// and an index built with another description is rebuilt.
/// </summary>
/// <param name="Segmenter"><see cref="FastSegmenter"/> or <see cref="FallbackSegmenter"/>.</param>
/// <param name="SmartCn">The SmartCn assembly's informational version.</param>
/// <param name="Lucene">The Lucene.Net assembly's informational version.</param>
/// <param name="Folds">A hash of the index-time text fold over every UTF-16 code unit (it maps character to character, so this describes it completely).</param>
public sealed record AnalysisDescription(string Segmenter, string SmartCn, string Lucene, string Folds)
{
    /// <summary>Words segmented by <see cref="FastSmartChineseAnalyzer"/>.</summary>
    public const string FastSegmenter = "fast";

    /// <summary>Words segmented by SmartChineseAnalyzer itself (the fast one could not load).</summary>
    public const string FallbackSegmenter = "smartcn";

    private static readonly Lazy<(string SmartCn, string Lucene, string Folds)> Fixed = new(() => (
        VersionOf(typeof(SmartChineseAnalyzer).Assembly),
        VersionOf(typeof(Analyzer).Assembly),
        FoldsHash()));

    /// <summary>The description of this build's analysis with the given segmenter.</summary>
    public static AnalysisDescription Current(string segmenter) => new(segmenter, Fixed.Value.SmartCn, Fixed.Value.Lucene, Fixed.Value.Folds);

    /// <summary>Whether an index described by <paramref name="built"/> holds the terms this analysis would produce.</summary>
    /// <remarks>
    /// The two segmenters produce the same words (token for token, tested on the seed and on CMRC
    /// text), so the segmenter alone does not make terms differ; it is recorded for diagnosis, and
    /// <see cref="Indexing.IndexStore"/> rebuilds an index the fallback built once the fast one loads.
    /// </remarks>
    public bool SameTermsAs(AnalysisDescription? built) =>
        built is not null && built.SmartCn == SmartCn && built.Lucene == Lucene && built.Folds == Folds;

    /// <inheritdoc />
    public override string ToString() => $"segmenter {Segmenter}, SmartCn {SmartCn}, Lucene {Lucene}, folds {Folds}";

    private static string VersionOf(System.Reflection.Assembly assembly) =>
        assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    private static string FoldsHash()
    {
        var all = string.Create(char.MaxValue + 1, 0, static (span, _) =>
        {
            for (int c = 0; c <= char.MaxValue; c++)
            {
                span[c] = (char)c;
            }
        });
        var folded = Text.TextNormalizer.FoldForAnalysis(all);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(folded.AsSpan()));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }
}

/// <summary>Field names of a passage document, in one place.</summary>
public static class FieldNames
{
    /// <summary>Passage id (<see cref="Ingestion.Passage.Id"/>), indexed as one term.</summary>
    public const string Id = "id";

    /// <summary>Article id (<see cref="Ingestion.Article.Id"/>), on article documents, indexed as one term and stored.</summary>
    public const string ArticleId = "article_id";

    /// <summary>Position of the passage in the index's passage list (numeric doc values).</summary>
    public const string Ordinal = "ordinal";

    /// <summary>The folded passage text, SmartCn words.</summary>
    public const string Words = "words";

    /// <summary>The folded passage text, CJK bigrams.</summary>
    public const string Bigrams = "bigrams";

    /// <summary>The article title and the heading above the passage, SmartCn words: context for ranking.</summary>
    public const string Context = "context";

    /// <summary>What a document is: <see cref="PassageKind"/>, <see cref="ArticleKind"/> or <see cref="FileKind"/>.</summary>
    public const string Kind = "kind";

    /// <summary>A quotable passage, searched.</summary>
    public const string PassageKind = "passage";

    /// <summary>An article with its printings, for article pages; not searched.</summary>
    public const string ArticleKind = "article";

    /// <summary>A page file as indexed (its stamp), for incremental updates; not searched.</summary>
    public const string FileKind = "file";

    /// <summary>The document's record as JSON, stored only.</summary>
    public const string Record = "record";

    /// <summary>An article's identity (folded title and passage ids), indexed as one term: a reprint has the same key.</summary>
    public const string ArticleKey = "article_key";

    /// <summary>The ids of an article's passages, one term each: which articles print a passage.</summary>
    public const string ArticlePassages = "article_passages";

    /// <summary>Each page file that prints an article, indexed as one term per file.</summary>
    public const string Source = "source";

    /// <summary>An article's publication date as days since 0001-01-01 (0: unknown), numeric doc values for sorting.</summary>
    public const string Published = "published";

    /// <summary>The order an article was first indexed in, numeric doc values for sorting.</summary>
    public const string ArticleOrder = "article_order";

    /// <summary>A page file's path relative to the seeds folder, indexed as one term on its file document.</summary>
    public const string File = "file";

    /// <summary>A page file's path and stamp as one term, so the table of files is read from the terms alone.</summary>
    public const string FileStamp = "file_stamp";

    /// <summary>Why a page file was not read, stored; indexed as <c>skipped</c> in <see cref="Kind"/>'s sibling field.</summary>
    public const string SkippedReason = "skipped_reason";

    /// <summary>Set on file documents of files that were not read.</summary>
    public const string Skipped = "skipped";
}
