using CoopBot.Engine.Indexing;
using CoopBot.Engine.Ingestion;
using CoopBot.Engine.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace CoopBot.Engine.Retrieval;

/// <summary>A passage found for a question, with the evidence the ranking used.</summary>
/// <param name="Prepared">The passage, prepared.</param>
/// <param name="Lucene">BM25 score from Lucene.</param>
/// <param name="Coverage">Share of the question's keyword weight found anywhere in the passage (0–1).</param>
/// <param name="SentenceCoverage">The same share within its best sentence (0–1).</param>
/// <param name="Score">The final ranking score.</param>
public sealed record PassageHit(PreparedPassage Prepared, double Lucene, double Coverage, double SentenceCoverage, double Score)
{
    /// <summary>The passage.</summary>
    public Passage Passage => Prepared.Passage;
}

/// <summary>
/// First-stage retrieval with Lucene (BM25 over SmartCn words, CJK bigrams and the title/heading
/// context), then a rerank of the top candidates on how much of the question they hold, as a whole
/// and within one sentence: a fact is stated in one sentence, while BM25 rewards scattered matches.
/// </summary>
public sealed class PassageSearcher : IPassageRetriever
{
    /// <summary>IDF values kept; the cache is keyed by words people type, so it is bounded.</summary>
    public const int MaxCachedIdf = 50_000;

    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer;
    private readonly int _docCount;
    private readonly LoadedIndex _index;
    private readonly Answering.AnswerTuning _tuning;

    // IDF never changes for an open index.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> _idf = new(StringComparer.Ordinal);

    /// <summary>How many IDF values are cached now (internal: tests check the bound).</summary>
    internal int CachedIdfCount => _idf.Count;

    /// <summary>Creates a searcher over an open index, with the tuning of <paramref name="tuning"/> (the defaults if null).</summary>
    public PassageSearcher(LoadedIndex index, Analyzer analyzer, Answering.AnswerTuning? tuning = null)
    {
        _tuning = tuning ?? Answering.AnswerTuning.Default;
        _searcher = new IndexSearcher(index.Reader) { Similarity = new PassageSimilarity(index.PassageDocs) };
        _analyzer = analyzer;
        // Passages only: the index also holds article and page-file documents, which are never searched.
        _docCount = Math.Max(1, index.Manifest.Passages);
        _index = index;
    }

    /// <summary>The inverse document frequency of a word: how much finding it tells.</summary>
    public double Idf(string word)
    {
        if (_idf.TryGetValue(word, out var idf))
        {
            return idf;
        }

        int df = _searcher.IndexReader.DocFreq(new Term(FieldNames.Words, word));
        idf = Math.Log(1 + ((_docCount - df + 0.5) / (df + 0.5)));
        if (_idf.Count >= MaxCachedIdf)
        {
            // Rarely reached (a vocabulary of 50,000 distinct question words); starting over is
            // cheaper than tracking recency on every lookup.
            _idf.Clear();
        }

        _idf[word] = idf;
        return idf;
    }

    /// <summary>The question's keywords with their IDF: how much each tells (computed once per question).</summary>
    public IReadOnlyDictionary<string, double> Weights(QuestionAnalysis question) =>
        question.Keywords.ToDictionary(k => k, Idf, StringComparer.Ordinal);

    /// <summary>Ranks passages for an analysed question; returns at most <paramref name="max"/>, best first.</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="weights">Its keyword weights (<see cref="Weights"/>).</param>
    /// <param name="max">How many to return.</param>
    public IReadOnlyList<PassageHit> Search(QuestionAnalysis question, IReadOnlyDictionary<string, double> weights, int max = int.MaxValue)
    {
        var query = BuildQuery(question, weights);
        if (query.Clauses.Count == 0)
        {
            return [];
        }

        var top = _searcher.Search(query, _tuning.RetrievalCandidates);
        var home = _index.HomeProvinceNamedIn(weights.Keys);
        if (top.ScoreDocs.Length == 0)
        {
            return [];
        }

        double maxLucene = top.ScoreDocs[0].Score;
        var hits = new List<PassageHit>(top.ScoreDocs.Length);
        foreach (var sd in top.ScoreDocs)
        {
            var prepared = _index.PassageAt(sd.Doc);
            double coverage = Coverage(prepared.Folded, weights, home);
            double sentence = 0;
            foreach (var s in prepared.Sentences)
            {
                sentence = Math.Max(sentence, Coverage(s.Text, weights, home));
            }

            double lucene = sd.Score / maxLucene;
            hits.Add(new PassageHit(prepared, sd.Score, coverage, sentence, lucene + coverage + sentence));
        }

        // Equal scores fall back to print order, so a rebuilt index answers exactly as before.
        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Prepared.Ordinal).Take(max).ToList();
    }

    /// <summary>Share of the keyword weight present in <paramref name="folded"/> (0–1); 0 when there are no keywords.</summary>
    /// <param name="folded">The text, folded.</param>
    /// <param name="weights">The question's keywords and their weights.</param>
    /// <param name="home">The province whose paper the text is from (<see cref="Reading.HomeProvince"/>), whose name is present where the text says 我省; null when unknown or not asked about.</param>
    public static double Coverage(string folded, IReadOnlyDictionary<string, double> weights, string? home = null)
    {
        double total = 0, found = 0;
        var ours = Reading.HomeProvince.SaidIn(folded, home);
        foreach (var (word, weight) in weights)
        {
            total += weight;
            if (folded.Contains(word, StringComparison.Ordinal) || Reading.HomeProvince.Names(word, ours))
            {
                found += weight;
            }
        }

        return total == 0 ? 0 : found / total;
    }

    private BooleanQuery BuildQuery(QuestionAnalysis question, IReadOnlyDictionary<string, double> weights)
    {
        // Terms go straight into TermQuery objects: no query parser, so AND, *, ~, quotes and the like
        // in a question are just text.
        var query = new BooleanQuery(disableCoord: true);
        var text = question.WithoutQuestionWord;
        IEnumerable<string> keywords = question.Keywords;
        if (question.Keywords.Count > _tuning.MaxQueryKeywords)
        {
            // A stable order (weight, then the question's own order), so the same question builds the same query.
            keywords = question.Keywords
                .Select((word, i) => (word, i))
                .OrderByDescending(k => weights.GetValueOrDefault(k.word))
                .ThenBy(k => k.i)
                .Take(_tuning.MaxQueryKeywords)
                .Select(k => k.word);
        }

        foreach (var word in keywords)
        {
            query.Add(new TermQuery(new Term(FieldNames.Words, word)), Occur.SHOULD);
            query.Add(new TermQuery(new Term(FieldNames.Context, word)) { Boost = _tuning.ContextBoost }, Occur.SHOULD);
        }

        // The paper's own province is also found where it says 我省 (Reading.HomeProvince).
        if (_index.HomeProvinceNamedIn(question.Keywords) is not null)
        {
            query.Add(new TermQuery(new Term(FieldNames.Words, Reading.HomeProvince.OwnProvince)), Occur.SHOULD);
        }

        var bigrams = ChineseAnalysis.Terms(_analyzer, FieldNames.Bigrams, text).Distinct().ToList();
        if (bigrams.Count > _tuning.MaxQueryBigrams)
        {
            bigrams = bigrams
                .Select((bigram, i) => (bigram, i, df: _searcher.IndexReader.DocFreq(new Term(FieldNames.Bigrams, bigram))))
                .OrderBy(b => b.df)
                .ThenBy(b => b.i)
                .Take(_tuning.MaxQueryBigrams)
                .Select(b => b.bigram)
                .ToList();
        }

        foreach (var bigram in bigrams)
        {
            query.Add(new TermQuery(new Term(FieldNames.Bigrams, bigram)) { Boost = _tuning.BigramBoost }, Occur.SHOULD);
        }

        return WithoutCommonTerms(query);
    }

    /// <summary>
    /// On a large index, the terms many passages hold are left out of the Lucene query
    /// (<see cref="Answering.AnswerTuning.CommonTermShare"/>); the re-rank still weighs them, on the
    /// candidates the rarer terms found. Unless every term is common: then the query stays whole.
    /// </summary>
    private BooleanQuery WithoutCommonTerms(BooleanQuery query)
    {
        double threshold = Math.Max(_tuning.CommonTermShare * _docCount, _tuning.CommonTermMinDocs);
        if (_docCount <= threshold)
        {
            return query;
        }

        var rare = new BooleanQuery(disableCoord: true);

        // A term no passage holds matches nothing either way; it does not count as a rarer term.
        foreach (var clause in query.Clauses)
        {
            int df = _searcher.IndexReader.DocFreq(((TermQuery)clause.Query).Term);
            if (df == 0 || df > threshold)
            {
                continue;
            }

            rare.Add(clause);
        }

        return rare.Clauses.Count == 0 ? query : rare;
    }
}
