namespace CoopBot.Engine.Tests;

/// <summary>Finds the repository (and its real seed) from wherever the tests run.</summary>
internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedFile => Directory.GetFiles(Seeds).Single();

    public static string SeedText => File.ReadAllText(SeedFile);

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A fresh folder under the temp folder, removed by the caller's using.</summary>
    public static TempDir NewTempDir() => new();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoopBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CoopBot.sln not found above " + AppContext.BaseDirectory);
    }
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
