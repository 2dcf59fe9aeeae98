namespace CoopBot.Engine.Tests;

/// <summary>Finds the repository (and its real seed) from wherever the tests run.</summary>
internal static class TestPaths
{
    public static string Root { get; } = CoopBot.Core.RepositoryPaths.Root;

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedFile => Directory.GetFiles(Seeds).Single();

    public static string SeedText => File.ReadAllText(SeedFile);

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A fresh folder under the temp folder, removed by the caller's using.</summary>
    public static TempDir NewTempDir() => new();
}

internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coopbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(p);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Child processes in tests: read both streams while waiting, so a timeout can always fire.</summary>
internal static class ProcessRun
{
    /// <summary>Waits for <paramref name="process"/> to end (killing it and failing the test after <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int Code, string Out, string Err)> FinishAsync(System.Diagnostics.Process process, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}' did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
