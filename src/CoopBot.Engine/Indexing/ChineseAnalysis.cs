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
/// The one place that builds the analysis chains, so the indexer and the searcher can never disagree.
/// Two views of the same text are indexed: SmartCn words (precise, but a segmentation error loses a
/// match) and overlapping character bigrams (robust to segmentation, noisier).
/// </summary>
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
    public static Analyzer CreateIndexingAnalyzer() =>
        Create((Analyzer?)FastSmartChineseAnalyzer.TryCreate() ?? new SmartChineseAnalyzer(Version));

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
            result = new LowerCaseFilter(Version, result);
            result = new CJKBigramFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }
}

/// <summary>Field names of a passage document, in one place.</summary>
public static class FieldNames
{
    /// <summary>Passage id (<see cref="Ingestion.Passage.Id"/>), indexed as one term.</summary>
    public const string Id = "id";

    /// <summary>Article id.</summary>
    public const string ArticleId = "article_id";

    /// <summary>Article title, stored.</summary>
    public const string ArticleTitle = "article_title";

    /// <summary>Position of the passage in its article, stored.</summary>
    public const string Position = "position";

    /// <summary>Heading above the passage, stored.</summary>
    public const string Heading = "heading";

    /// <summary>The passage text as printed, stored only.</summary>
    public const string Text = "text";

    /// <summary>Position of the passage in the index's passage list (numeric doc values).</summary>
    public const string Ordinal = "ordinal";

    /// <summary>The folded passage text, SmartCn words.</summary>
    public const string Words = "words";

    /// <summary>The folded passage text, CJK bigrams.</summary>
    public const string Bigrams = "bigrams";

    /// <summary>The article title and the heading above the passage, SmartCn words: context for ranking.</summary>
    public const string Context = "context";
}
