using System.Globalization;
using System.Text;

namespace CoopBot.Training;

/// <summary>CMRC 2018's answer scores, as ../shared/eval/score.py computes them: punctuation and white space removed, NFKC.</summary>
public static class Scoring
{
    // score.py's set: Python's string.punctuation and the Chinese marks it lists.
    private static readonly HashSet<char> Punctuation = [.. "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~，。、；：？！“”‘’（）《》〈〉【】『』「」﹃﹄〔〕…—～·﹏￥　・"];

    /// <summary>Text without white space and punctuation, NFKC-folded and lower-cased.</summary>
    public static string Bare(string s)
    {
        var sb = new StringBuilder();
        s ??= "";
        if (!HasLoneSurrogate(s) && !s.IsNormalized(NormalizationForm.FormKC))
        {
            s = s.Normalize(NormalizationForm.FormKC);
        }

        foreach (var c in s.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c) || Punctuation.Contains(c))
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>1 when the two are the same after <see cref="Bare"/>.</summary>
    public static double ExactMatch(string prediction, string gold) => Bare(prediction) == Bare(gold) && Bare(gold).Length > 0 ? 1 : 0;

    /// <summary>F1 over characters by the longest common substring.</summary>
    public static double F1(string prediction, string gold)
    {
        var p = Bare(prediction);
        var g = Bare(gold);
        if (p.Length == 0 || g.Length == 0)
        {
            return 0;
        }

        int best = 0;
        var row = new int[g.Length + 1];
        foreach (var a in p)
        {
            int prev = 0;
            for (int j = 1; j <= g.Length; j++)
            {
                int cur = row[j];
                row[j] = a == g[j - 1] ? prev + 1 : 0;
                best = Math.Max(best, row[j]);
                prev = cur;
            }
        }

        if (best == 0)
        {
            return 0;
        }

        double precision = (double)best / p.Length, recall = (double)best / g.Length;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>A figure for printing.</summary>
    public static string Format(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
