namespace CoopBot.Editorial;

/// <summary>Questions asked in different words about the same thing, with how often in all.</summary>
/// <param name="Representative">The most asked wording.</param>
/// <param name="Members">Every wording of the group, most asked first.</param>
/// <param name="Count">How often the group's questions were asked in all.</param>
/// <param name="Last">When one of them was last asked.</param>
public sealed record QuestionGroup(FrequentQuestion Representative, IReadOnlyList<FrequentQuestion> Members, long Count, DateTimeOffset Last);

/// <summary>
/// Groups questions by similarity of wording: the Dice coefficient of their character bigrams (the
/// unit Chinese search engines fall back on when words are unknown), joined greedily to the most
/// asked question they are close to. 咱们省送了多少干部去广东进修 and 送了多少干部去广东进修呀 fall together;
/// unrelated questions sharing a place name do not.
/// </summary>
public static class QuestionGroups
{
    /// <summary>Two wordings at least this similar are one group.</summary>
    public const double Threshold = 0.5;

    /// <summary>Groups <paramref name="questions"/>, the largest group first.</summary>
    public static IReadOnlyList<QuestionGroup> Group(IEnumerable<FrequentQuestion> questions)
    {
        var groups = new List<(HashSet<string> Bigrams, List<FrequentQuestion> Members)>();
        foreach (var q in questions.OrderByDescending(q => q.Count).ThenByDescending(q => q.Last))
        {
            var bigrams = Bigrams(q.Question);
            var home = groups.FirstOrDefault(g => Dice(g.Bigrams, bigrams) >= Threshold);
            if (home.Members is null)
            {
                groups.Add((bigrams, [q]));
            }
            else
            {
                home.Members.Add(q);
            }
        }

        return groups
            .Select(g => new QuestionGroup(g.Members[0], g.Members, g.Members.Sum(m => m.Count), g.Members.Max(m => m.Last)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Last)
            .ToList();
    }

    /// <summary>How alike two wordings are, 0 to 1.</summary>
    public static double Similarity(string a, string b) => Dice(Bigrams(a), Bigrams(b));

    private static HashSet<string> Bigrams(string text)
    {
        var n = EditorialStore.Normalize(text);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (n.Length == 1)
        {
            set.Add(n);
        }

        for (int i = 0; i + 1 < n.Length; i++)
        {
            set.Add(n.Substring(i, 2));
        }

        return set;
    }

    private static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        int shared = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return 2.0 * shared / (a.Count + b.Count);
    }
}
