using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoopBot.Bench;

// The benchmark harness. Every figure is a ratio to a floor measured in the same run on the same
// machine, because these machines are shared and noisy: absolute times drift, ratios hold.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "archive")
{
    return Archive.Write(args[1..]);
}

if (args.Length > 0 && args[0] == "scale-running")
{
    return await ScaleBench.RunningAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleBench.RunAsync(args[1..]);
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Only.Contains("profile"))
{
    await ProfileBench.RunAsync();
    return 0;
}

var results = new List<Row>();
Console.WriteLine($"CoopBot benchmarks · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {System.Runtime.InteropServices.RuntimeInformation.OSDescription} · .NET {Environment.Version}");
if (options.Runs("answer"))
{
    results.AddRange(AnswerBench.Run(options));
}

if (options.Runs("index"))
{
    results.AddRange(IndexBench.Run(options));
}

if (options.Runs("chat"))
{
    results.AddRange(await ChatBench.RunAsync(options));
}

if (options.Runs("cold"))
{
    results.AddRange(await ColdStartBench.RunAsync(options));
}

if (options.Runs("admin"))
{
    results.AddRange(await AdminBench.RunAsync(options));
}

var table = Row.Table(results);
Console.WriteLine();
Console.WriteLine(table);
var report = Path.Combine(Paths.Root, "tests", "TestResults", "bench.md");
Directory.CreateDirectory(Path.GetDirectoryName(report)!);
File.WriteAllText(report, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n{table}\n", new UTF8Encoding(false));
Console.WriteLine($"Written to {report}");
return results.All(r => r.Met != false) ? 0 : 1;
