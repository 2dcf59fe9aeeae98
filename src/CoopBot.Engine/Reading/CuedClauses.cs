using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;

namespace CoopBot.Engine.Reading;

/// <summary>
/// What a passage prints right after a cue word (又称, 位于, 分布于), to the end of its clause: the shared
/// reading behind questions whose answer is an apposition the text introduces with a fixed word
/// (<see cref="Aliases"/>, <see cref="Locations"/>).
/// </summary>
internal static class CuedClauses
{
    /// <summary>Half of the subject's characters printed before the cue: the clause is about what the question names.</summary>
    private const double MinSubjectShare = 0.5;

    /// <summary>Longest clause taken, in characters: plant and animal entries list eight names and more.</summary>
    private const int MaxLength = 80;

    private const string ClauseEnds = "，,。；;：:？?！!\n";

    /// <summary>
    /// The clause after the best match of <paramref name="cues"/> in <paramref name="passage"/> (brackets inside it
    /// kept whole; a cue inside a bracket ends at its close), among those whose sentence holds at least half of
    /// <paramref name="subject"/>'s characters before the cue (or, with <paramref name="subjectInPassage"/>, the
    /// passage before it, which counts for less: 分布于… often opens the sentence after the one naming the
    /// species). A cue <paramref name="preferred"/> says the question used, and one printed right after the
    /// subject's last two characters (首府位于; with <paramref name="preferAfterSubject"/>), come first; then the
    /// earliest. With <paramref name="head"/> (the 发源地 of 天水围河的发源地), at least half of its characters must be
    /// printed in the cue's sentence before it: where a river is is not where it rises. Null when none.
    /// </summary>
    public static (int Start, int Length)? After(PreparedPassage passage, Regex cues, string subject, Func<string, bool> preferred, bool subjectInPassage, bool preferAfterSubject, string? head = null)
    {
        var text = passage.Folded;
        var chars = new HashSet<char>(subject.Where(Text.TextSpans.IsHan));
        if (chars.Count == 0)
        {
            return null;
        }

        string tail = preferAfterSubject && subject.Length >= 2 && subject[^2..].All(Text.TextSpans.IsHan) ? subject[^2..] : "";
        (int Start, int Length)? best = null;
        double bestScore = double.MinValue;
        var headChars = head is { Length: > 0 } ? new HashSet<char>(head.Where(Text.TextSpans.IsHan)) : null;
        foreach (Match cue in cues.Matches(text))
        {
            int sentenceStart = passage.SentenceAt(cue.Index).Start;
            if (headChars is { Count: > 0 } && Share(headChars, text.AsSpan(sentenceStart, cue.Index - sentenceStart)) < MinSubjectShare)
            {
                continue;
            }

            double share = Share(chars, text.AsSpan(sentenceStart, cue.Index - sentenceStart));
            if (share < MinSubjectShare)
            {
                if (!subjectInPassage || Share(chars, text.AsSpan(0, cue.Index)) < MinSubjectShare)
                {
                    continue;
                }

                share = MinSubjectShare / 2;
            }

            int start = cue.Index + cue.Length, end = start, depth = 0;
            for (; end < text.Length && end - start < MaxLength; end++)
            {
                char c = text[end];
                if (c is '（' or '(' or '【' or '[')
                {
                    depth++;
                }
                else if (c is '）' or ')' or '】' or ']')
                {
                    // A cue inside a bracket (赞尼特期（亦被称为兰登期或海尔斯期）是…) ends at its close.
                    if (depth == 0)
                    {
                        break;
                    }

                    depth--;
                }
                else if (depth == 0 && ClauseEnds.Contains(c))
                {
                    break;
                }
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (end == start || end - start >= MaxLength)
            {
                continue;
            }

            double score = share + (preferred(cue.Groups["cue"].Value) ? 1 : 0)
                + (tail.Length > 0 && cue.Index >= tail.Length && text.AsSpan(cue.Index - tail.Length, tail.Length).SequenceEqual(tail) ? 1 : 0);
            if (score > bestScore)
            {
                bestScore = score;
                best = (start, end - start);
            }
        }

        return best;
    }

    private static double Share(HashSet<char> chars, ReadOnlySpan<char> before)
    {
        int held = 0;
        foreach (char c in chars)
        {
            if (before.Contains(c))
            {
                held++;
            }
        }

        return held / (double)chars.Count;
    }
}
