using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// "What does he do": a question that asks a person's occupation (…的职业是什么, …是什么职业, …从事什么职业, …是干什么的)
/// is answered with the apposition that biographies and news print right after the name, ending in a word for an
/// occupation: 赵鹏（），中国足球运动员，司职… → 中国足球运动员; 矢井田瞳（、）是日本女性创作型歌手 → 日本女性创作型歌手;
/// 杨群（，），哈尔滨人，香港知名老牌演员 → 香港知名老牌演员 (哈尔滨人 says where he is from). The word 职业 itself is
/// rarely printed, so the span ranker had nothing to align and took a clause (建业的合同完结).
/// </summary>
public static partial class Occupations
{
    /// <summary>The person whose occupation <paramref name="q"/> asks, or null when it asks something else.</summary>
    public static string? Of(QuestionAnalysis q)
    {
        var m = Asked().Match(q.Normalized);
        return m.Success && m.Groups["who"].Value.Trim() is { Length: > 0 } who ? who : null;
    }

    /// <summary>
    /// Where <paramref name="passage"/> prints the occupation of <paramref name="person"/>: in the first sentence that
    /// holds at least half of the name's characters, the first of the next few clauses after the name that, past a
    /// leading 是/为 and 一名/一位, ends with a word for an occupation. Null when none.
    /// </summary>
    public static (int Start, int Length)? Find(PreparedPassage passage, string person)
    {
        var name = new HashSet<char>(person.Where(c => Text.TextSpans.IsHan(c) || char.IsLetter(c)));
        if (name.Count == 0)
        {
            return null;
        }

        foreach (var sentence in passage.Sentences)
        {
            var s = sentence.Text;
            int named = LastNameChar(s, name, out double share);
            if (share < 0.5)
            {
                continue;
            }

            // The clauses from the name on: what follows the name (and its bracket) in its own clause, then up
            // to MaxClauses more.
            int at = named + 1;
            if (at < s.Length && s[at] is '（' or '(' && s.IndexOfAny(['）', ')'], at) is int close and > 0)
            {
                at = close + 1;
            }

            for (int clause = 0; clause <= MaxClauses && at < s.Length; clause++)
            {
                int end = s.IndexOfAny(ClauseEnds, at);
                if (end < 0)
                {
                    end = s.Length;
                }

                int start = at;
                var lead = Lead().Match(s, start, end - start);
                if (lead.Success)
                {
                    start += lead.Length;
                }

                if (end - start is >= 2 and <= MaxLength && IsOccupation(s.AsSpan(start, end - start)))
                {
                    start = PastNationality(s, start, end);
                    return (sentence.Start + start, end - start);
                }

                at = end + 1;
            }

            return null;
        }

        return null;
    }

    private const int MaxClauses = 3;

    private const int MaxLength = 24;

    private static readonly char[] ClauseEnds = ['，', ',', '；', ';', '。'];

    private static int LastNameChar(string sentence, HashSet<char> name, out double share)
    {
        // The name is where its characters run together first: the last of them before the first clause break after it.
        int first = -1, last = -1, held = 0;
        var seen = new HashSet<char>();
        for (int i = 0; i < sentence.Length; i++)
        {
            if (name.Contains(sentence[i]))
            {
                if (first < 0)
                {
                    first = i;
                }
                else if (i - last > 2)
                {
                    break;
                }

                last = i;
                if (seen.Add(sentence[i]))
                {
                    held++;
                }
            }
        }

        share = held / (double)name.Count;
        return last;
    }

    /// <summary>
    /// Past a leading place the occupation is qualified by (中国足球运动员, 台湾男演员兼模特儿, 日本的演员…): a proper name
    /// by CC-CEDICT, with a 的 or 籍 after it; the occupation is what the person does, not where from.
    /// </summary>
    private static int PastNationality(string s, int start, int end)
    {
        for (int length = Math.Min(5, end - start - 2); length >= 2; length--)
        {
            if (Text.Synonyms.Shared.IsProperNoun(s.Substring(start, length)))
            {
                int at = start + length;
                if (at < end - 2 && s[at] is '的' or '籍')
                {
                    at++;
                }

                return at;
            }
        }

        return start;
    }

    private static bool IsOccupation(ReadOnlySpan<char> clause) =>
        OccupationEnd().IsMatch(clause.ToString());

    [GeneratedRegex("^(?<who>.+?)(?:的职业(?:是|为)?(?:什么|啥|哪些|都有哪些|有哪些)?|是(?:做)?什么职业|从事(?:什么|何种|哪种)职业|是干什么的|是做什么的)[呢啊呀]?[\\p{P}\\s]*$")]
    private static partial Regex Asked();

    [GeneratedRegex("\\G(?:是|为|乃|则)?(?:一名|一位|一个|名|位)?")]
    private static partial Regex Lead();

    // Words for an occupation end like these (运动员, 歌手, 漫画家, 琴师, 歌星, 作者, 外交官, 模特儿, 主持人).
    [GeneratedRegex("(?:[员手家师星者官匠]|模特儿?|主持人|艺人|制作人|影评人|商人|军人|诗人|工人|球证|裁判|教练|主播|演员)$")]
    private static partial Regex OccupationEnd();
}
