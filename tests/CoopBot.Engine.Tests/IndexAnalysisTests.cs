using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoopBot.Engine.Indexing;
using Microsoft.Extensions.Logging;

namespace CoopBot.Engine.Tests;

/// <summary>
/// The manifest records the analysis that built an index, and an index built by another analysis is
/// rebuilt; the fallback segmenter is never silent; the build lock excludes a second process.
/// </summary>
[Trait("Category", "Integration")]
public class IndexAnalysisTests
{
    private static string CurrentGeneration(IndexStore store) => File.ReadAllText(Path.Combine(store.IndexDir, "CURRENT")).Trim();

    private static string ManifestPath(IndexStore store) => Path.Combine(store.IndexDir, CurrentGeneration(store), "manifest.json");

    [Fact]
    public void The_manifest_records_the_segmenter_SmartCn_Lucene_and_the_folds()
    {
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        var manifest = store.Build(TestPaths.Seeds);

        Assert.NotNull(manifest.Analysis);
        Assert.Equal(AnalysisDescription.FastSegmenter, manifest.Analysis!.Segmenter);
        Assert.StartsWith("4.8.0", manifest.Analysis.SmartCn, StringComparison.Ordinal);
        Assert.StartsWith("4.8.0", manifest.Analysis.Lucene, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", manifest.Analysis.Folds);

        // And on disk, where an operator reads it.
        var onDisk = JsonNode.Parse(File.ReadAllText(ManifestPath(store)))!["Analysis"]!;
        Assert.Equal("fast", (string?)onDisk["Segmenter"]);
    }

    [Fact]
    public void The_fallback_segmenter_logs_a_warning_is_recorded_and_is_replaced_once_the_fast_one_loads()
    {
        using var dir = TestPaths.NewTempDir();
        var log = new CapturingLogger();
        var degraded = new IndexStore(dir.Sub("index"), log, allowFastSegmenter: false);
        using (var index = degraded.OpenOrBuild(TestPaths.Seeds))
        {
            Assert.Equal(AnalysisDescription.FallbackSegmenter, index.Manifest.Analysis!.Segmenter);
            Assert.Equal(SeedFacts.Passages, index.Manifest.Passages);
        }

        var warning = Assert.Single(log.Lines, l => l.Text.Contains("segmenter", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("fast SmartCn segmenter could not load (disabled)", warning.Text);
        var degradedGeneration = CurrentGeneration(degraded);

        var healthy = new IndexStore(degraded.IndexDir, log);
        using (var index = healthy.OpenOrBuild(TestPaths.Seeds))
        {
            Assert.Equal(AnalysisDescription.FastSegmenter, index.Manifest.Analysis!.Segmenter);
        }

        Assert.NotEqual(degradedGeneration, CurrentGeneration(healthy));
        Assert.Contains(log.Lines, l => l.Text.Contains("fast one loads now"));
    }

    [Theory]
    [InlineData("Folds", "0000000000000000")]
    [InlineData("SmartCn", "4.8.0-beta00001")]
    [InlineData("Lucene", "4.8.0-beta00001")]
    [InlineData(null, null)]
    public void An_index_built_by_another_analysis_is_rebuilt(string? part, string? value)
    {
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        store.Build(TestPaths.Seeds);
        var before = CurrentGeneration(store);

        // The same seeds, the same layout: only the recorded analysis differs (null: a manifest
        // written before the analysis was recorded).
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath(store)))!.AsObject();
        if (part is null)
        {
            manifest.Remove("Analysis");
        }
        else
        {
            manifest["Analysis"]![part] = value;
        }

        File.WriteAllText(ManifestPath(store), manifest.ToJsonString());

        using (var index = store.OpenOrBuild(TestPaths.Seeds))
        {
            Assert.Equal(SeedFacts.Passages, index.Manifest.Passages);
        }

        Assert.NotEqual(before, CurrentGeneration(store));

        // The rebuilt one matches and is reused.
        var rebuilt = CurrentGeneration(store);
        using (store.OpenOrBuild(TestPaths.Seeds))
        {
        }

        Assert.Equal(rebuilt, CurrentGeneration(store));
    }

    [Fact]
    public void The_lock_file_outlives_its_holder_so_no_two_holders_can_lock_different_files()
    {
        // Deleting the file on release let a waiter that had opened the old file lock it after the
        // delete while a newcomer created and locked a new file: two builders at once.
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        var path = Path.Combine(store.IndexDir, IndexStore.LockFile);
        using (store.AcquireLock())
        {
            Assert.Throws<IOException>(() => store.AcquireLock(TimeSpan.FromMilliseconds(300)));
        }

        Assert.True(File.Exists(path));
        using (store.AcquireLock(TimeSpan.FromSeconds(5)))
        {
        }
    }

    [Fact]
    public async Task A_second_process_waits_for_the_lock_then_finds_the_index()
    {
        using var dir = TestPaths.NewTempDir();
        var store = new IndexStore(dir.Sub("index"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { typeof(CoopBot.Cli.CommandLine).Assembly.Location, "ask", "--seeds", TestPaths.Seeds, "--index", store.IndexDir, "--jsonl" })
        {
            start.ArgumentList.Add(a);
        }

        start.RedirectStandardInput = true;
        Process process;
        var held = Stopwatch.StartNew();
        using (store.AcquireLock())
        {
            process = Process.Start(start)!;
            process.StandardInput.WriteLine(SeedFacts.CadresQuestion);
            process.StandardInput.Close();

            // While this process holds the lock the other cannot build, so it cannot answer.
            Assert.False(process.WaitForExit(4000), "the second process finished while the lock was held");
            Assert.False(File.Exists(Path.Combine(store.IndexDir, "CURRENT")));
            held.Stop();
        }

        using (process)
        {
            var (code, stdout, stderr) = await ProcessRun.FinishAsync(process, TimeSpan.FromMinutes(2));
            Assert.True(code == 0, stderr);
            Assert.Equal(SeedFacts.CadresAnswer, JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("answer").GetString());
        }

        Assert.True(held.ElapsedMilliseconds >= 4000);
    }
}
