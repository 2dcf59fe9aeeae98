using System.Text.RegularExpressions;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// Makes the reader's span a whole phrase as printed: a figure with its unit (58 → 58%, 2546 → 2546名),
/// a date as fine as the question asks (2017年 → 2017年12月17日 for 哪天), a title or quotation with both
/// its brackets. The span only grows to what is printed around it, never into another clause.
/// </summary>
public static class WholePhrase
{
    /// <summary>The span, made whole.</summary>
    /// <param name="question">The analysed question.</param>
    /// <param name="text">The passage text (folded, same offsets as printed).</param>
    /// <param name="start">The span's start.</param>
    /// <param name="length">The span's length.</param>
    public static (int Start, int Length) Of(QuestionAnalysis question, string text, int start, int length)
    {
        int end = start + length;

        // The particle 的 is not part of an answer (的1241.99亿元 → 1241.99亿元), unless it begins a word (的确, 的士).
        if (end - start > 1 && text[start] == '的' && "确士话".IndexOf(text[start + 1]) < 0)
        {
            start++;
        }

        // A figure cut before its unit or magnitude: the printed figure is the answer.
        foreach (var pattern in new[] { AnswerExtractor.ArabicNumber(), AnswerExtractor.ChineseNumber() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                int mEnd = m.Index + AnswerExtractor.TrimNumber(m.Value).Length;
                if (m.Index >= start && m.Index < end && mEnd > end && mEnd - start <= 40)
                {
                    end = mEnd;
                }
            }
        }

        // A date coarser than the question asks (哪天 answered with a year): the whole printed date.
        int asked = AskedGranularity(question);
        if (asked > 0)
        {
            foreach (Match m in AnswerExtractor.DateExpression().Matches(text))
            {
                if (m.Index <= start && m.Index + m.Length >= end && m.Length > end - start && Granularity(text[start..end]) < asked)
                {
                    (start, end) = (m.Index, m.Index + m.Length);
                }
            }
        }

        (start, end) = AnswerExtractor.BalanceBrackets(text, start, end);
        (start, end) = DropDangling(text, start, end);
        return (start, end - start);
    }

    /// <summary>
    /// A bracket or quotation mark whose partner lies too far outside the span to take in is cut off
    /// with the smaller side of the span, so an answer never shows a dangling 》 or “.
    /// </summary>
    internal static (int Start, int End) DropDangling(string text, int start, int end)
    {
        for (int guard = 0; guard < 8 && end > start; guard++)
        {
            int dangling = Dangling(text, start, end);
            if (dangling < 0)
            {
                break;
            }

            // Keep the longer side, less the punctuation at its ends; a tie keeps the left, where the
            // answer usually begins.
            var left = TrimPunctuation(text, start, dangling);
            var right = TrimPunctuation(text, dangling + 1, end);
            (start, end) = left.End - left.Start >= right.End - right.Start ? left : right;
        }

        return (start, end);
    }

    private static (int Start, int End) TrimPunctuation(string text, int start, int end)
    {
        while (start < end && IsClausePunctuation(text[start]))
        {
            start++;
        }

        while (end > start && IsClausePunctuation(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsClausePunctuation(char c) => ",，。、;；:：!！?？ ".Contains(c);

    /// <summary>The offset of the first unmatched bracket in the span, or -1.</summary>
    private static int Dangling(string text, int start, int end)
    {
        foreach (var (open, close) in AnswerExtractor.BracketPairs)
        {
            var opens = new Stack<int>();
            for (int i = start; i < end; i++)
            {
                if (text[i] == open)
                {
                    opens.Push(i);
                }
                else if (text[i] == close)
                {
                    if (opens.Count == 0)
                    {
                        return i;
                    }

                    opens.Pop();
                }
            }

            if (opens.Count > 0)
            {
                return opens.Last();
            }
        }

        return -1;
    }

    /// <summary>How fine a date a question asks for: 3 a day (哪天, 几号), 2 a month (几月), 1 a year (哪一年), 0 none or not a date question.</summary>
    public static int AskedGranularity(QuestionAnalysis question) =>
        question.Kind != AnswerKind.Date ? 0
        : Regex.IsMatch(question.Normalized, "哪一?天|几号|几日|哪一?日|日期|几月几") ? 3
        : Regex.IsMatch(question.Normalized, "几月|哪个月|月份") ? 2
        : Regex.IsMatch(question.Normalized, "哪一?年|几几年|年份|何年") ? 1
        : 0;

    /// <summary>How fine a printed date is: 3 a day, 2 a month, 1 a year, 0 none of these.</summary>
    public static int Granularity(string date) =>
        date.Contains('日') || date.Contains('号') ? 3 : date.Contains('月') ? 2 : date.Contains('年') ? 1 : 0;
}
