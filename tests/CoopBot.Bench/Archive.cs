using System.Diagnostics;
using CoopBot.Tests.Shared;

namespace CoopBot.Bench;

/// <summary>
/// <c>archive DIR MB [SEED]</c>: writes an archive of newspaper pages shaped like the seed page
/// (<see cref="ArchiveGenerator"/>) from the seed and the CMRC 2018 articles in <c>../shared</c>,
/// for measuring the index and the bot at scale (issue 12: 100 MB and 1 GB).
/// </summary>
internal static class Archive
{
    public const string Usage = "usage: dotnet run -c Release --project tests/CoopBot.Bench -- archive DIR MB [SEED]";

    public static int Write(string[] args)
    {
        if (args.Length is < 2 or > 3 || !double.TryParse(args[1], out var mb) || mb <= 0 || mb > 100_000
            || (args.Length == 3 && !int.TryParse(args[2], out _)))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!Directory.Exists(Paths.Cmrc))
        {
            Console.Error.WriteLine($"The CMRC 2018 articles are needed as source text and were not found at {Paths.Cmrc}.");
            return 1;
        }

        int seed = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var sources = Directory.GetFiles(Paths.Seeds).Concat(Directory.GetFiles(Paths.Cmrc).Order(StringComparer.Ordinal)).Select(File.ReadAllText).ToList();
        var clock = Stopwatch.StartNew();
        var summary = ArchiveGenerator.Write(args[0], (long)(mb * 1024 * 1024), seed, sources, new DateOnly(2015, 1, 1));
        Console.WriteLine($"archive: {summary.Files:N0} pages, {summary.Bytes / 1048576.0:F1} MB, {summary.Articles:N0} articles ({summary.Repeats:N0} reprinted), {summary.FirstDay:yyyy-MM-dd} to {summary.LastDay:yyyy-MM-dd}, seed {seed}, written in {clock.Elapsed.TotalSeconds:F1} s to {Path.GetFullPath(args[0])}");
        return 0;
    }
}
