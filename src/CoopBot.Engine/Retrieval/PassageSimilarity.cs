using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace CoopBot.Engine.Retrieval;

/// <summary>
/// BM25 over the passages alone. Lucene's BM25 takes the document count for IDF and the average field
/// length from the index's <c>maxDoc</c>; the index also holds article and page-file documents, which
/// are never searched, so that count is replaced by the passage documents' (deleted ones included, as
/// <c>maxDoc</c> includes them). Scores are then what an index of the passages alone would give.
/// </summary>
internal sealed class PassageSimilarity(long passageDocs) : BM25Similarity
{
    /// <inheritdoc />
    public override Lucene.Net.Search.Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats) =>
        base.IdfExplain(Passages(collectionStats), termStats);

    /// <inheritdoc />
    public override Lucene.Net.Search.Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats) =>
        base.IdfExplain(Passages(collectionStats), termStats);

    /// <inheritdoc />
    protected override float AvgFieldLength(CollectionStatistics collectionStats) =>
        base.AvgFieldLength(Passages(collectionStats));

    private CollectionStatistics Passages(CollectionStatistics stats) =>
        new(stats.Field, Math.Max(1, Math.Min(stats.MaxDoc, passageDocs)), stats.DocCount, stats.SumTotalTermFreq, stats.SumDocFreq);
}
