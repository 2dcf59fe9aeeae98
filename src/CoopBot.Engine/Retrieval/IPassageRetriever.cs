namespace CoopBot.Engine.Retrieval;

/// <summary>
/// The first stage of answering: the passages that may hold the answer to a question, best first,
/// with the evidence the reader and the ranking use. The engine depends on this interface alone.
/// On one machine <see cref="PassageSearcher"/> implements it over the Lucene index; at archive scale
/// an Elasticsearch or OpenSearch cluster with the official <c>analysis-smartcn</c> plugin can
/// (docs/scale.md gives the mapping and the query), the reader and everything after it unchanged.
/// </summary>
public interface IPassageRetriever
{
    /// <summary>How telling a word is in this corpus (inverse document frequency over the SmartCn words of passages).</summary>
    double Idf(string word);

    /// <summary>The question's keywords with their weights (<see cref="Idf"/>), computed once per question.</summary>
    IReadOnlyDictionary<string, double> Weights(QuestionAnalysis question);

    /// <summary>Passages for an analysed question, best first, at most <paramref name="max"/>.</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="weights">Its keyword weights (<see cref="Weights"/>).</param>
    /// <param name="max">How many to return.</param>
    IReadOnlyList<PassageHit> Search(QuestionAnalysis question, IReadOnlyDictionary<string, double> weights, int max = int.MaxValue);
}
