using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Whose figure it is. In a list of figures a sentence gives (注册企业286家,注册资本金101.29亿元,引入华为鲲鹏…)
/// each figure belongs to what its own clause, or the sentence before it, names: a name printed only in
/// a later clause is not what the figure counts. So a quantity question about that name
/// (华为鲲鹏投了多少钱) is not answered with the figure: the passage does not say.
/// </summary>
public static partial class FigureOwner
{
    [System.Text.RegularExpressions.GeneratedRegex("年|世纪|世紀|岁|歲|月|日|天|时|時|点|點|分钟|分鐘|秒|周|週|代")]
    private static partial System.Text.RegularExpressions.Regex TimeLike();

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?', '\n'];
    private static readonly char[] ClauseEnds = [.. SentenceEnds, '，', ',', '；', ';', '：', ':', '、'];

    /// <summary>
    /// Whether the figure at <paramref name="start"/> belongs to something other than what the question
    /// asks about: the question's subject (its heaviest keyword by general usage) is printed in the
    /// figure's sentence only after the figure's clause, and that clause, which names something before the
    /// figure, shares no word with the question. Quantities only, and not a time or an age.
    /// </summary>
    /// <param name="q">The analysed question.</param>
    /// <param name="text">The passage text (folded).</param>
    /// <param name="start">Where the answer starts.</param>
    /// <param name="length">The answer's length.</param>
    /// <param name="weights">The question's keywords by general-usage weight.</param>
    public static bool OnlyAfter(QuestionAnalysis q, string text, int start, int length, IReadOnlyDictionary<string, double> weights)
    {
        // Not a time or an age: a clause that is only a time (1070年，奥斯陆被提升为… ; 二十岁时，…) is
        // fronted, and belongs to the clause after it.
        if (q.Kind != AnswerKind.Quantity || length <= 0 || TimeLike().IsMatch(text.AsSpan(start, length)))
        {
            return false;
        }

        int sentenceStart = text.LastIndexOfAny(SentenceEnds, Math.Max(0, start - 1)) + 1;
        int sentenceEnd = text.IndexOfAny(SentenceEnds, start + length);
        sentenceEnd = sentenceEnd < 0 ? text.Length : sentenceEnd;
        int clauseEnd = text.IndexOfAny(ClauseEnds, start + length);
        clauseEnd = clauseEnd < 0 || clauseEnd > sentenceEnd ? sentenceEnd : clauseEnd;

        // The question's subject: its heaviest keyword (ties: the first asked).
        string? heaviest = null;
        double best = 0;
        foreach (var (word, weight) in weights)
        {
            if (weight > best)
            {
                (heaviest, best) = (word, weight);
            }
        }

        if (heaviest is not { Length: >= 2 }
            || !text.AsSpan(sentenceStart, sentenceEnd - sentenceStart).Contains(heaviest, StringComparison.Ordinal)
            || text.AsSpan(sentenceStart, clauseEnd - sentenceStart).Contains(heaviest, StringComparison.Ordinal))
        {
            return false;
        }

        // And the figure's own clause says nothing the question asks about (注册资本金101.29亿元): a clause
        // that shares a word with it (本站共有两层 for 大沙地站共有几层, 比赛分为两轮) speaks of the
        // question's subject by another name, or leaves it understood.
        int clauseStart = text.LastIndexOfAny(ClauseEnds, Math.Max(0, start - 1)) + 1;
        clauseStart = Math.Max(clauseStart, sentenceStart);

        // The figure measures what its clause names before it (注册资本金); a figure that opens its
        // clause qualifies what follows it (20到30岁之间身体健康…的男性).
        if (start - clauseStart < 2)
        {
            return false;
        }

        var clause = string.Concat(text.AsSpan(clauseStart, start - clauseStart), text.AsSpan(start + length, clauseEnd - start - length));
        return !weights.Keys.Any(k => clause.Contains(k, StringComparison.Ordinal));
    }
}
