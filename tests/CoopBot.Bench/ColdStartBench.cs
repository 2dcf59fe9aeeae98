using System.Diagnostics;
using System.Text;
using CoopBot.Engine.Indexing;

namespace CoopBot.Bench;

/// <summary>
/// 4. Cold start with the index already built: process start to first answer, for the bot host and for
/// the ask command, against the same program started only to print its usage; and the host's RSS
/// after warm-up on the seed corpus.
/// </summary>
internal static class ColdStartBench
{
    private const int Runs = 5;

    public static async Task<IEnumerable<Row>> RunAsync(BenchOptions options)
    {
        var dll = Path.Combine(Paths.Root, "src", "CoopBot", "bin", "Release", "net10.0", "CoopBot.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"cold: skipped, {dll} not built (run with -c Release)");
            return [];
        }

        var indexDir = Paths.NewTemp("cold-index");
        new IndexStore(indexDir).Build(Paths.Seeds);

        var help = new List<double>();
        var ask = new List<double>();
        var host = new List<double>();
        var rss = new List<double>();
        for (int i = 0; i < Runs; i++)
        {
            help.Add(TimeProcess(dll, ["help"]));
            ask.Add(TimeProcess(dll, ["ask", "--seeds", Paths.Seeds, "--index", indexDir, "两省对口合作的总签约额是多少？"]));
            var (first, mb) = await HostAsync(dll, indexDir);
            host.Add(first);
            rss.Add(mb);
        }

        double Median(List<double> v) => Stats.Percentile(v.Order().ToList(), 0.5);
        double helpMs = Median(help), askMs = Median(ask), hostMs = Median(host), rssMb = Median(rss);
        Console.WriteLine($"cold: help {helpMs:F0} ms, ask {askMs:F0} ms, host first answer {hostMs:F0} ms, host RSS after warm-up {rssMb:F0} MB");
        Directory.Delete(indexDir, recursive: true);
        return
        [
            new Row("4. Cold start, bot host: process start → first answer", $"{hostMs:F0} ms", $"same program printing its usage: {helpMs:F0} ms", $"{Stats.F(hostMs / helpMs)}×", "< 1 s", hostMs < 1000),
            new Row("4. Cold start, `ask`: process start → answer printed", $"{askMs:F0} ms", $"same program printing its usage: {helpMs:F0} ms", $"{Stats.F(askMs / helpMs)}×", "< 1 s", askMs < 1000),
            new Row("4. RSS after warm-up, bot host, seed corpus", $"{rssMb:F0} MB", "", "", "< 200 MB", rssMb < 200),
        ];
    }

    private static double TimeProcess(string dll, string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(double FirstAnswerMs, double RssMb)> HostAsync(string dll, string indexDir)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var (p, port) = StartHost(dll, Paths.Seeds, indexDir, Path.Combine(indexDir, "coopbot.db"));
        using (p)
        {
            try
            {
                double first = await FirstAnswerAsync(http, port, "两省对口合作的总签约额是多少？", "4901", clock, TimeSpan.FromSeconds(30));
                for (int i = 0; i < 3; i++)
                {
                    foreach (var q in Paths.GoldQuestions())
                    {
                        await Ask(http, port, q);
                    }
                }

                return (first, StatusMb(p.Id, "VmRSS:"));
            }
            finally
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
            }
        }
    }

    /// <summary>Starts the bot host on a free loopback port, its output drained; the caller kills it.</summary>
    internal static (Process Process, int Port) StartHost(string dll, string seeds, string indexDir, string database)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", $"--CoopBot:Seeds={seeds}", $"--CoopBot:Index={indexDir}", $"--CoopBot:Database={database}", "--Logging:LogLevel:Default=Warning"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var p = Process.Start(start)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return (p, port);
    }

    /// <summary>Asks until the reply holds <paramref name="expect"/>: milliseconds on <paramref name="clock"/> then, or NaN after <paramref name="timeout"/>.</summary>
    internal static async Task<double> FirstAnswerAsync(HttpClient http, int port, string question, string expect, Stopwatch clock, TimeSpan timeout)
    {
        while (clock.Elapsed < timeout)
        {
            try
            {
                if ((await Ask(http, port, question)).Contains(expect, StringComparison.Ordinal))
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(5);
            }
        }

        return double.NaN;
    }

    /// <summary>A memory figure of a process from <c>/proc/PID/status</c> (VmRSS:, VmHWM:, RssAnon:…), in MB; 0 when it cannot be read.</summary>
    internal static double StatusMb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Asks the host one question over /api/messages with expectReplies; the reply's JSON.</summary>
    internal static async Task<string> Ask(HttpClient http, int port, string question)
    {
        var body = "{\"type\":\"message\",\"id\":\"1\",\"channelId\":\"directline\",\"serviceUrl\":\"http://localhost:9/\",\"deliveryMode\":\"expectReplies\",\"from\":{\"id\":\"u\"},\"recipient\":{\"id\":\"b\"},\"conversation\":{\"id\":\"cold\"},\"text\":" + System.Text.Json.JsonSerializer.Serialize(question) + "}";
        var response = await http.PostAsync($"http://127.0.0.1:{port}/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        return await response.Content.ReadAsStringAsync();
    }
}
