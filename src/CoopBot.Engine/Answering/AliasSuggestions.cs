using System.Diagnostics;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Answering;

/// <summary>An alias that would let a refused question be answered from the passage the editor chose.</summary>
/// <param name="Alias">The alias (question's word = the passage's word).</param>
/// <param name="Answer">The short answer the question would then get.</param>
/// <param name="Confidence">The reader's answer/refuse score with the alias (higher is surer).</param>
public sealed record AliasSuggestion(EditorAlias Alias, string Answer, double Confidence);

/// <summary>What the suggester found, and how much it tried.</summary>
/// <param name="Suggestions">Aliases that make the question answered from the chosen passage, surest first.</param>
/// <param name="MissingWords">The question's words the passage does not print (the left sides tried).</param>
/// <param name="Tried">How many aliases were tried.</param>
/// <param name="AlreadyAnswered">True when the question is already answered from that passage, with no new alias.</param>
public sealed record AliasSuggestionResult(IReadOnlyList<AliasSuggestion> Suggestions, IReadOnlyList<string> MissingWords, int Tried, bool AlreadyAnswered);

/// <summary>
/// Suggests aliases for a refused question, given the passage an editor says answers it. The
/// question's content words that the passage does not print are paired with the passage's own words
/// and word pairs (进修 with 培训学习); each pair is tried as an alias by asking the question again
/// (without the answer cache), and only pairs under which the question is answered from that very
/// passage are suggested. No pair is guessed: each suggestion was seen to work.
/// </summary>
public static class AliasSuggestions
{
    /// <summary>At most this many aliases are tried (each is one question asked): the editor waits for the page.</summary>
    public const int MaxTries = 400;

    /// <summary>And at most this long is spent trying.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>Suggests aliases that make <paramref name="question"/> answered from <paramref name="passageId"/>.</summary>
    /// <param name="engine">The engine answering questions now.</param>
    /// <param name="question">The refused question, as asked.</param>
    /// <param name="passageId">The passage the editor chose.</param>
    /// <param name="current">The aliases in force (the question is read with them, and a suggestion is added to them).</param>
    /// <param name="max">How many suggestions at most.</param>
    public static AliasSuggestionResult Suggest(QaEngine engine, string question, string passageId, EditorAliases current, int max = 5)
    {
        var passage = engine.FindPrepared(passageId);
        if (passage is null || string.IsNullOrWhiteSpace(question))
        {
            return new([], [], 0, false);
        }

        var asked = current.Rewrite(question);
        if (AnsweredFrom(engine.Try(asked, 1), passageId) is not null)
        {
            return new([], [], 0, true);
        }

        var folded = passage.Folded;
        var q = engine.Analyze(asked);
        var missing = q.Keywords
            .Where(k => k.Length >= 2 && !QuestionAnalyzer.StopWords.Contains(k) && !folded.Contains(k, StringComparison.Ordinal) && k.All(TextSpans.IsHan))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(k => k.Length)
            .Take(4)
            .ToList();
        if (missing.Count == 0)
        {
            return new([], [], 0, false);
        }

        var candidates = Candidates(engine, folded, q);
        var found = new List<(AliasSuggestion Suggestion, bool Agrees)>();
        var clock = Stopwatch.StartNew();
        int tried = 0;
        foreach (var candidate in candidates)
        {
            foreach (var word in missing)
            {
                if (tried >= MaxTries || clock.Elapsed > Budget || found.Count >= 3 * max)
                {
                    goto done;
                }

                if (candidate.Text.Contains(word, StringComparison.Ordinal) || word.Contains(candidate.Text, StringComparison.Ordinal))
                {
                    continue;
                }

                var alias = new EditorAlias(word, candidate.Text);
                tried++;
                var answer = engine.Try(current.With(alias).Rewrite(question), 1);
                if (AnsweredFrom(answer, passageId) is { } text)
                {
                    // A word stands for a word of its own class: a verb (进修) for verbs (培训学习), not
                    // for a verb and a determiner (参加各类), which the reader may accept just as well.
                    bool agrees = candidate.Parts.All(p => Synonyms.Shared.IsVerb(p) == Synonyms.Shared.IsVerb(word));
                    found.Add((new AliasSuggestion(alias, text, answer.Confidence ?? 0), agrees));
                }
            }
        }

    done:
        var suggestions = found.OrderByDescending(f => f.Agrees).ThenByDescending(f => f.Suggestion.Confidence)
            .Select(f => f.Suggestion).Take(max).ToList();
        return new(suggestions, missing, tried, false);
    }

    private static string? AnsweredFrom(Answer answer, string passageId) =>
        answer.Answered && answer.Passages.Count > 0 && answer.Passages[0].Passage.Id == passageId ? answer.Text : null;

    /// <summary>
    /// The passage's words and pairs of adjacent words, Chinese only and not already in the question,
    /// from the sentences that share most with the question first (where the answer most likely is).
    /// </summary>
    private static List<(string Text, string[] Parts)> Candidates(QaEngine engine, string folded, QuestionAnalysis q)
    {
        var sentences = TextSpans.Sentences(folded)
            .Select(s => folded[s.Start..s.End])
            .OrderByDescending(s => q.Keywords.Count(k => s.Contains(k, StringComparison.Ordinal)))
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string Text, string[] Parts)>();
        foreach (var sentence in sentences)
        {
            // Words with where they stand, to know which are adjacent.
            var words = engine.WordSpans(sentence);
            for (int i = 0; i < words.Count; i++)
            {
                Add([words[i].Word]);
                if (i + 1 < words.Count && words[i].End == words[i + 1].Start)
                {
                    Add([words[i].Word, words[i + 1].Word]);
                }
            }
        }

        return result;

        void Add(string[] parts)
        {
            var candidate = string.Concat(parts);
            if (candidate.Length is >= 2 and <= 8 && candidate.All(TextSpans.IsHan) && !parts.Any(QuestionAnalyzer.StopWords.Contains)
                && !q.Normalized.Contains(candidate, StringComparison.Ordinal) && seen.Add(candidate))
            {
                result.Add((candidate, parts));
            }
        }
    }

}
