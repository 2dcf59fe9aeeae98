using System.Globalization;
using System.Text;
using System.Text.Json;
using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>The figures of shared/eval/score.py, computed the same way, for pinning in tests.</summary>
internal sealed class Scoring
{
    private static readonly HashSet<char> Punctuation = [.. "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~，。、；：？！“”‘’（）《》〈〉【】『』「」﹃﹄〔〕…—～·﹏￥　・"];

    public int Questions { get; private set; }

    public int Correct { get; private set; }

    public int Answerable { get; private set; }

    public int EvidenceFirst { get; private set; }

    public int EvidenceTop3 { get; private set; }

    public int WithAnswers { get; private set; }

    public double ExactMatch { get; private set; }

    public double F1 { get; private set; }

    public List<string> Misses { get; } = [];

    public double EmPercent => 100 * ExactMatch / Math.Max(1, WithAnswers);

    public double F1Percent => 100 * F1 / Math.Max(1, WithAnswers);

    public static Scoring Run(QaEngine engine, string goldPath)
    {
        var s = new Scoring();
        foreach (var line in File.ReadLines(goldPath).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            s.Add(doc.RootElement, engine.Ask(doc.RootElement.GetProperty("question").GetString()!));
        }

        return s;
    }

    private void Add(JsonElement g, Answer a)
    {
        Questions++;
        var texts = a.Passages.Select(p => Norm(p.Passage.Text)).ToList();
        bool ok;
        if (!g.TryGetProperty("answerable", out var answerable) || answerable.GetBoolean())
        {
            Answerable++;
            var evidence = Norm(g.GetProperty("evidence").GetString()!);
            bool ev1 = texts.Count > 0 && texts[0].Contains(evidence, StringComparison.Ordinal);
            EvidenceFirst += ev1 ? 1 : 0;
            EvidenceTop3 += texts.Take(3).Any(t => t.Contains(evidence, StringComparison.Ordinal)) ? 1 : 0;
            bool answerOk = true;
            if (g.TryGetProperty("answers", out var answers))
            {
                WithAnswers++;
                var gold = answers.EnumerateArray().Select(x => x.GetString()!).ToList();
                var shortAnswer = a.Answered ? Norm(a.Text) : "";
                answerOk = gold.Select(Norm).Any(x => shortAnswer.Contains(x, StringComparison.Ordinal) && shortAnswer.Length <= Math.Max(32, 2 * x.Length));
                ExactMatch += gold.Any(x => Bare(x).Length > 0 && Bare(shortAnswer) == Bare(x)) ? 1 : 0;
                F1 += gold.Max(x => CharF1(shortAnswer, x));
            }

            ok = a.Answered && ev1 && answerOk;
        }
        else
        {
            ok = !a.Answered;
        }

        Correct += ok ? 1 : 0;
        if (!ok)
        {
            Misses.Add($"{g.GetProperty("id").GetString()}: {a.Text}");
        }
    }

    private static string Norm(string? s) =>
        string.Concat((s ?? "").Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));

    private static string Bare(string s) => string.Concat(Norm(s).ToLower(CultureInfo.InvariantCulture).Where(c => !Punctuation.Contains(c)));

    /// <summary>CMRC 2018 F1: characters, longest common substring (the trainer's, which follows score.py).</summary>
    private static double CharF1(string prediction, string gold) => CoopBot.Training.Scoring.F1(prediction, gold);
}
