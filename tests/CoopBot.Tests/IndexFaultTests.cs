using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CoopBot.Core;
using CoopBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoopBot.Tests;

/// <summary>The index and the seeds going wrong: deleted or corrupted index, seeds changing under a running bot, no seeds.</summary>
[Trait("Category", "Integration")]
public class IndexFaultTests
{
    private static string CopySeeds(string dir)
    {
        var seeds = Path.Combine(dir, "seeds");
        Directory.CreateDirectory(seeds);
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Root, "seeds")))
        {
            File.Copy(f, Path.Combine(seeds, Path.GetFileName(f)));
        }

        return seeds;
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("corrupted")]
    public async Task Damaged_index_before_start_is_rebuilt_from_seeds(string damage)
    {
        using var first = new BotAppFactory { KeepFiles = true };
        var index = Path.Combine(first.Dir, "index");
        using (var client = first.CreateClient())
        {
            Assert.Contains("2546", await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.CadresQuestion)));
        }

        first.Dispose();
        if (damage == "deleted")
        {
            Directory.Delete(index, recursive: true);
        }
        else
        {
            foreach (var file in Directory.GetFiles(index, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("CURRENT", StringComparison.Ordinal)))
            {
                File.WriteAllText(file, "garbage");
            }
        }

        using var second = BotAppFactory.With(new() { ["CoopBot:Index"] = index });
        using var again = second.CreateClient();
        var json = JsonDocument.Parse(await again.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(SeedFacts.CadresQuestion))).RootElement;
        Assert.Equal(SeedFacts.CadresAnswer, json.GetProperty("answer").GetString());

        // The second bot uses the first one's index folder: stopped first, so nothing writes into it
        // while it is deleted.
        second.Dispose();
        Directory.Delete(first.Dir, recursive: true);
    }

    [Fact]
    public async Task Seeds_changed_while_running_are_reindexed_and_swapped_in_without_a_failed_or_wrong_answer()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coopbot-reindex-" + Guid.NewGuid().ToString("N"));
        var seeds = CopySeeds(dir);
        using var app = BotAppFactory.With(new() { ["CoopBot:Seeds"] = seeds, ["CoopBot:RateLimit:PerMinute"] = "1000000" });
        using var client = app.CreateClient();
        var holder = app.Services.GetRequiredService<EngineHolder>();
        const string Question = SeedFacts.CadresQuestion;
        Assert.Contains(SeedFacts.CadresAnswer, await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString(Question)));

        // Ask continuously from two clients while the seeds change underneath.
        var answers = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var askers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var response = await client.GetAsync("/api/ask?q=" + Uri.EscapeDataString(Question));
                    var body = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        failures.Add($"{(int)response.StatusCode} {body}");
                    }
                    else
                    {
                        answers.Add(JsonDocument.Parse(body).RootElement.GetProperty("answer").GetString() ?? "null");
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToList();

        await Task.Delay(300);
        File.WriteAllText(Path.Combine(seeds, "new-article.txt"), "哈尔滨冰雪大世界开园\n\n□本报记者 张三\n\n今年哈尔滨冰雪大世界的门票为每人330元，比去年降低了30元。\n");

        // The new article becomes answerable once the background reindex swaps in.
        var clock = Stopwatch.StartNew();
        string? newAnswer = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var json = JsonDocument.Parse(await client.GetStringAsync("/api/ask?q=" + Uri.EscapeDataString("哈尔滨冰雪大世界的门票多少钱？"))).RootElement;
            newAnswer = json.GetProperty("answer").GetString();
            if (newAnswer is not null)
            {
                break;
            }

            await Task.Delay(200);
        }

        await Task.Delay(300);
        stop.Cancel();
        await Task.WhenAll(askers);

        Assert.Equal("330元", newAnswer);
        Assert.True(holder.Reloads >= 1);
        Assert.Empty(failures);
        Assert.True(answers.Count > 10, $"only {answers.Count} answers while reindexing");
        Assert.All(answers, a => Assert.Equal(SeedFacts.CadresAnswer, a));
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    public void Missing_or_empty_seeds_folder_fails_validation_naming_it(string state)
    {
        var dir = Path.Combine(Path.GetTempPath(), "coopbot-noseeds-" + Guid.NewGuid().ToString("N"));
        var seeds = Path.Combine(dir, "seeds");
        if (state == "empty")
        {
            Directory.CreateDirectory(seeds);
            File.WriteAllText(Path.Combine(seeds, ".hidden"), "not an article");
        }

        try
        {
            var result = new CoopBotOptionsValidation(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Validate(null, new CoopBotOptions { Seeds = seeds });

            Assert.True(result.Failed);
            Assert.Contains($"The seeds folder '{seeds}' {(state == "missing" ? "does not exist" : "is empty")}.", result.FailureMessage);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    public async Task Running_the_program_with_a_missing_or_empty_seeds_folder_prints_a_clear_error_and_no_stack_trace(string state)
    {
        var seeds = Path.Combine(Path.GetTempPath(), "coopbot-nowhere-" + Guid.NewGuid().ToString("N"));
        if (state == "empty")
        {
            Directory.CreateDirectory(seeds);
        }

        try
        {
            var (code, stdout, stderr) = await RunProgram(null, $"--CoopBot:Seeds={seeds}", "--urls", $"http://127.0.0.1:{LiveBot.FreePort()}");

            Assert.Equal(1, code);
            Assert.Contains($"CoopBot cannot start: The seeds folder '{seeds}' {(state == "missing" ? "does not exist" : "is empty")}.", stderr);
            Assert.DoesNotContain("   at ", stderr + stdout);
        }
        finally
        {
            if (Directory.Exists(seeds))
            {
                Directory.Delete(seeds, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Running_the_program_on_a_port_already_in_use_prints_one_line_saying_what_to_do()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var dir = new TempFolder();

        var (code, stdout, stderr) = await RunProgram(null, $"--CoopBot:Seeds={Path.Combine(Repo.Root, "seeds")}", $"--CoopBot:Index={Path.Combine(dir.Path, "index")}", $"--CoopBot:Database={Path.Combine(dir.Path, "coopbot.db")}", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(1, code);
        Assert.Contains($"CoopBot cannot start: Failed to bind to address http://127.0.0.1:{port}: address already in use. Another program is listening there", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    [SkippableFact]
    public async Task Stopping_the_program_while_it_starts_is_a_quiet_stop()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is sent with kill");
        using var dir = new TempFolder();

        // Stopped as soon as it logs (the editors' database is created before Kestrel listens): a
        // container runtime stopping a bot that has just started, or Ctrl+C in a terminal. Before the
        // fix the host's cancelled start escaped Main: "Unhandled exception", a stack trace, exit 134.
        var (code, stdout, stderr) = await RunProgram(
            "Editors' database",
            $"--CoopBot:Seeds={Path.Combine(Repo.Root, "seeds")}", $"--CoopBot:Index={Path.Combine(dir.Path, "index")}", $"--CoopBot:Database={Path.Combine(dir.Path, "coopbot.db")}", "--urls", $"http://127.0.0.1:{LiveBot.FreePort()}");

        Assert.True(code is 0 or 143, $"exit code {code}: {stderr}");
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.DoesNotContain("Unhandled exception", stderr + stdout);
    }

    /// <summary>Runs CoopBot; with <paramref name="stopAt"/>, sends it SIGTERM when its output first holds that text.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunProgram(string? stopAt, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CoopBot.dll"), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stdout = new System.Text.StringBuilder();
        var stopped = false;
        process.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.AppendLine(e.Data);
                if (stopAt is not null && !stopped && e.Data?.Contains(stopAt, StringComparison.Ordinal) == true)
                {
                    stopped = true;
                    Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                }
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("CoopBot did not stop");
        }

        process.WaitForExit();
        Assert.True(stopAt is null || stopped, $"CoopBot never printed {stopAt}");
        var errors = await stderr;
        lock (stdout)
        {
            return (process.ExitCode, stdout.ToString(), errors);
        }
    }
}
