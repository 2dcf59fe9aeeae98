using System.Security.Cryptography;
using System.Text;

namespace CoopBot.Core;

/// <summary>Where <c>seeds/</c> and <c>index/</c> are when the user does not say.</summary>
internal static class RepositoryPaths
{
    /// <summary>
    /// The repository root: the folder holding CoopBot.sln above the program or the working directory
    /// (the one finder; the tests and benchmarks use it too).
    /// </summary>
    public static string Root { get; } = FindRoot();

    public static string DefaultSeeds => Path.Combine(Root, "seeds");

    public static string DefaultIndex => Path.Combine(Root, "index");

    /// <summary>
    /// The index for a seeds folder given on the command line without --index: one private folder
    /// per seeds folder, so asking about other articles never overwrites the default index.
    /// </summary>
    public static string IndexFor(string seedsDir)
    {
        var full = Path.GetFullPath(seedsDir);
        if (string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), DefaultSeeds, StringComparison.Ordinal))
        {
            return DefaultIndex;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        return Path.Combine(Path.GetTempPath(), "coopbot", "index-" + hash);
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CoopBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
