using System.Text;

namespace CoopBot.Engine.Text;

/// <summary>
/// One alias an editor added: people type <see cref="Phrase"/> where the articles print
/// <see cref="Canonical"/> (进修 = 培训学习, 龙粤 = 黑龙江和广东, 哈电 = 哈电集团).
/// </summary>
/// <param name="Phrase">The wording people use, Simplified, at least two characters.</param>
/// <param name="Canonical">The wording of the articles it stands for.</param>
public sealed record EditorAlias(string Phrase, string Canonical)
{
    /// <summary>The alias as one line of the plain-text file (<c>进修 = 培训学习</c>).</summary>
    public override string ToString() => Phrase + " = " + Canonical;
}

/// <summary>
/// The aliases editors add in the console, applied to a question before it is read: each phrase the
/// question contains is replaced by the articles' wording. This is deliberately a rewrite of the
/// question, not of the index: a change applies at once, needs no reindex, and the rewritten question
/// can be shown to the user (理解为…) so nothing happens out of sight. Immutable; the host swaps in a
/// new set when editors change it.
/// </summary>
public sealed class EditorAliases
{
    /// <summary>The most characters either side of an alias may have.</summary>
    public const int MaxLength = 20;

    /// <summary>The empty set.</summary>
    public static EditorAliases None { get; } = new([]);

    private readonly EditorAlias[] _longestFirst;

    /// <summary>A set of aliases; later entries with the same phrase replace earlier ones.</summary>
    public EditorAliases(IEnumerable<EditorAlias> aliases)
    {
        var byPhrase = new Dictionary<string, EditorAlias>(StringComparer.Ordinal);
        foreach (var a in aliases)
        {
            var normal = Normalize(a);
            byPhrase[normal.Phrase] = normal;
        }

        Entries = [.. byPhrase.Values.OrderBy(a => a.Phrase, StringComparer.Ordinal)];

        // Longest phrase first, so 哈电集团 is matched before 哈电 when both are aliases.
        _longestFirst = [.. byPhrase.Values.OrderByDescending(a => a.Phrase.Length).ThenBy(a => a.Phrase, StringComparer.Ordinal)];
    }

    /// <summary>The aliases, by phrase.</summary>
    public IReadOnlyList<EditorAlias> Entries { get; }

    /// <summary>This set with one alias added (or replaced, when its phrase is already there).</summary>
    public EditorAliases With(EditorAlias alias) => new(Entries.Append(alias));

    /// <summary>
    /// The question with every alias phrase replaced by its wording in the articles; the question
    /// itself when none occurs. Where the articles' wording already stands (哈电集团 with the alias
    /// 哈电 = 哈电集团) it is left alone rather than doubled. Traditional or full-width forms of a
    /// phrase match too: the question is folded the way the engine folds it.
    /// </summary>
    public string Rewrite(string question)
    {
        if (_longestFirst.Length == 0 || string.IsNullOrEmpty(question))
        {
            return question ?? "";
        }

        var folded = TextNormalizer.FoldPreservingOffsets(question);
        StringBuilder? sb = null;
        int copied = 0;
        for (int i = 0; i < folded.Length;)
        {
            var match = Match(folded, i);
            if (match is null)
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(folded, i, match.Canonical, 0, match.Canonical.Length) == 0)
            {
                // Already in the articles' wording.
                i += match.Canonical.Length;
                continue;
            }

            sb ??= new StringBuilder(question.Length + 16);
            sb.Append(question, copied, i - copied).Append(match.Canonical);
            i += match.Phrase.Length;
            copied = i;
        }

        return sb is null ? question : sb.Append(question, copied, question.Length - copied).ToString();
    }

    private EditorAlias? Match(string folded, int at)
    {
        foreach (var a in _longestFirst)
        {
            if (a.Phrase.Length <= folded.Length - at && string.CompareOrdinal(folded, at, a.Phrase, 0, a.Phrase.Length) == 0)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>
    /// Why an alias cannot be added, in Chinese for the editor; null when it can. Phrases of one
    /// character are refused: replaced everywhere they occur, they would change words they are only a
    /// part of.
    /// </summary>
    public static string? Problem(string? phrase, string? canonical)
    {
        phrase = Clean(phrase);
        canonical = Clean(canonical);
        if (phrase.Length == 0 || canonical.Length == 0)
        {
            return "请填写两边：左边是大家的说法，右边是文章里的用词。";
        }

        if (phrase.Length < 2)
        {
            return "说法至少要两个字：一个字的替换会改动包含它的其他词。";
        }

        if (phrase.Length > MaxLength || canonical.Length > MaxLength)
        {
            return $"每边最多 {MaxLength} 个字。";
        }

        if (phrase == canonical)
        {
            return "两边相同，不需要添加。";
        }

        if (phrase.Concat(canonical).Any(c => char.IsControl(c) || c is '=' or '#'))
        {
            return "不能包含等号、井号或控制字符。";
        }

        return null;
    }

    /// <summary>
    /// Reads the plain-text file: one <c>说法 = 原文用词</c> per line, <c>#</c> starts a comment, blank
    /// lines are skipped. Lines that cannot be read are returned with their number and why, not dropped
    /// in silence.
    /// </summary>
    public static (List<EditorAlias> Aliases, List<string> Problems) Parse(TextReader reader)
    {
        var aliases = new List<EditorAlias>();
        var problems = new List<string>();
        int number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            var hash = line.IndexOf('#');
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }

            var eq = content.IndexOf('=');
            if (eq < 0)
            {
                problems.Add($"第 {number} 行没有等号：{Limit(content)}");
                continue;
            }

            var (phrase, canonical) = (content[..eq], content[(eq + 1)..]);
            if (Problem(phrase, canonical) is { } problem)
            {
                problems.Add($"第 {number} 行：{problem}");
                continue;
            }

            aliases.Add(Normalize(new EditorAlias(phrase, canonical)));
        }

        return (aliases, problems);
    }

    /// <summary>The plain-text file for these aliases, readable by <see cref="Parse"/>.</summary>
    public static string Format(IEnumerable<EditorAlias> aliases)
    {
        var sb = new StringBuilder("# CoopBot aliases: 大家的说法 = 文章里的用词\n");
        foreach (var a in aliases)
        {
            sb.Append(a.Phrase).Append(" = ").Append(a.Canonical).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Both sides trimmed and folded (width, Traditional→Simplified) the way questions are.</summary>
    public static EditorAlias Normalize(EditorAlias alias) =>
        new(TextNormalizer.FoldPreservingOffsets(Clean(alias.Phrase)), Clean(alias.Canonical));

    private static string Clean(string? text) => (text ?? "").Trim().Trim('\u3000');

    private static string Limit(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
