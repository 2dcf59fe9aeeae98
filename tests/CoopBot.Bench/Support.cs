using System.Diagnostics;
using System.Text;

namespace CoopBot.Bench;

/// <summary>What to run.</summary>
internal sealed record BenchOptions(HashSet<string> Only, int[] SizesMb, double ChatSeconds, int Rounds)
{
    public const string Usage = "usage: dotnet run -c Release --project tests/CoopBot.Bench -- [--only answer,index,chat,cold,admin|profile] [--sizes 10,25,50] [--chat-seconds 5] [--rounds 200] [--admin-questions 100000]";

    /// <summary>Questions in the log the console benchmark reads.</summary>
    public int AdminQuestions { get; init; } = 100_000;

    /// <summary>Fetches of each console page.</summary>
    public int AdminRounds { get; init; } = 20;

    public bool Runs(string name) => (Only.Count == 0 && name != "profile") || Only.Contains(name);

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions([], [10, 25, 50], 5, 200);
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            switch (args[i])
            {
                case "--only":
                    o = o with { Only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries)] };
                    break;
                case "--sizes":
                    o = o with { SizesMb = args[++i].Split(',').Select(int.Parse).ToArray() };
                    break;
                case "--chat-seconds":
                    o = o with { ChatSeconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                case "--admin-questions":
                    o = o with { AdminQuestions = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                case "--rounds":
                    o = o with { Rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                default:
                    return null;
            }
        }

        return o;
    }
}

/// <summary>One line of the results table.</summary>
internal sealed record Row(string Benchmark, string CoopBot, string Floor, string Ratio, string Goal, bool? Met)
{
    public static string Table(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| benchmark | CoopBot | floor (same run) | ratio | goal | met |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in rows)
        {
            sb.AppendLine($"| {r.Benchmark} | {r.CoopBot} | {r.Floor} | {r.Ratio} | {r.Goal} | {(r.Met is null ? "" : r.Met.Value ? "yes" : "**no**")} |");
        }

        return sb.ToString();
    }
}

internal static class Paths
{
    public static string Root { get; } = CoopBot.Core.RepositoryPaths.Root;

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string Cmrc => Path.GetFullPath(Path.Combine(Root, "..", "shared", "benchmarks", "cmrc2018-dev", "articles"));

    public static List<string> GoldQuestions() => File.ReadLines(Path.Combine(Root, "tests", "CoopBot.Engine.Tests", "Data", "dev.jsonl"))
        .Where(l => l.Trim().Length > 0)
        .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!)
        .ToList();

    /// <summary>The dev and colloquial questions of ../shared/eval (79 distinct) when present, else the 30 dev questions the tests carry.</summary>
    public static List<string> ChatQuestions()
    {
        var eval = Path.GetFullPath(Path.Combine(Root, "..", "shared", "eval"));
        var sets = new[] { "dev.jsonl", "colloquial.jsonl" }.Select(f => Path.Combine(eval, f)).ToList();
        if (!sets.All(File.Exists))
        {
            return GoldQuestions();
        }

        return sets.SelectMany(File.ReadLines)
            .Where(l => l.Trim().Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public static string NewTemp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "coopbot-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static string F(double v, int digits = 2) => v.ToString("F" + digits, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The engine's information messages on the console (the index build reports its phases).</summary>
internal sealed class ConsoleLog : Microsoft.Extensions.Logging.ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.WriteLine("  " + formatter(state, exception));
}
