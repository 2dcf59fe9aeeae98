using CoopBot.Core;
using System.Text.Json;
using CoopBot.Cli;

namespace CoopBot.Engine.Tests;

/// <summary>The <c>ask</c> and <c>index</c> verbs, run in-process exactly as <c>dotnet run -- …</c> runs them.</summary>
[Trait("Category", "Integration")]
public class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, new StringReader(stdin), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Ask_jsonl_prints_one_object_per_question_in_order()
    {
        using var dir = TestPaths.NewTempDir();
        var input = "两省对口合作的总签约额是多少？\n{\"id\":\"x\",\"question\":\"北京与上海签约了多少个合作项目？\"}\n\n有多少名干部赴广东学习培训？\n";

        var (code, stdout, _) = Run(input, "ask", "--seeds", TestPaths.Seeds, "--index", dir.Sub("index"), "--jsonl");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);

        Assert.Equal(SeedFacts.TotalQuestion, lines[0].GetProperty("question").GetString());
        Assert.True(lines[0].GetProperty("answered").GetBoolean());
        Assert.Equal(SeedFacts.TotalAnswer, lines[0].GetProperty("answer").GetString());
        var passages = lines[0].GetProperty("passages").EnumerateArray().ToList();
        Assert.InRange(passages.Count, 1, 5);
        var first = passages[0];
        Assert.Contains("达到4901亿元", first.GetProperty("text").GetString());
        Assert.Equal("500个项目近5000亿签约额 达目标", first.GetProperty("article").GetString());
        Assert.Matches("^/articles/a[0-9a-f]{10}#p[0-9a-f]{12}$", first.GetProperty("url").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), first.GetProperty("url").GetString()!.Split('#')[1]);
        var scores = passages.Select(p => p.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        Assert.False(lines[1].GetProperty("answered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("answer").ValueKind);
        Assert.NotEmpty(lines[1].GetProperty("passages").EnumerateArray());

        Assert.Equal(SeedFacts.CadresAnswer, lines[2].GetProperty("answer").GetString());
    }

    [Fact]
    public void Ask_with_a_question_prints_answer_passage_title_and_link()
    {
        using var dir = TestPaths.NewTempDir();
        var (code, stdout, _) = Run("", "ask", "--seeds", TestPaths.Seeds, "--index", dir.Sub("index"), SeedFacts.CadresQuestion);

        Assert.Equal(0, code);
        Assert.Contains("答案：2546名", stdout);
        Assert.Contains("我省已派出【2546名】干部赴广东", stdout);
        Assert.Contains("《2546名龙江干部赴粤学习 取真经》 /articles/", stdout);
    }

    [Fact]
    public void Other_seeds_without_index_do_not_touch_the_default_index()
    {
        Assert.Equal(Path.Combine(TestPaths.Root, "index"), RepositoryPaths.DefaultIndex);
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.WriteAllText(Path.Combine(seeds, "a.txt"), "测试文章\n\n测试文章的作者是张三。\n");

        var index = RepositoryPaths.IndexFor(seeds);

        Assert.NotEqual(RepositoryPaths.DefaultIndex, index);
        Assert.False(index.StartsWith(RepositoryPaths.DefaultIndex + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Equal(RepositoryPaths.DefaultIndex, RepositoryPaths.IndexFor(RepositoryPaths.DefaultSeeds));
    }

    [Fact]
    public void Index_verb_reports_what_was_indexed()
    {
        using var dir = TestPaths.NewTempDir();
        var seeds = dir.Sub("seeds");
        File.Copy(TestPaths.SeedFile, Path.Combine(seeds, "page.txt"));
        File.WriteAllBytes(Path.Combine(seeds, "scan.bin"), [0, 1, 2, 3, 0, 0, 255]);

        var (code, stdout, _) = Run("", "index", "--seeds", seeds, "--index", dir.Sub("index"));

        Assert.Equal(0, code);
        Assert.Contains($"Indexed 6 articles and {SeedFacts.Passages} passages", stdout);
        Assert.Contains("Dropped 1 article(s) printed more than once.", stdout);
        Assert.Contains("scan.bin: is not text", stdout);
    }

    [Fact]
    public void Missing_seeds_folder_is_a_polite_error_not_a_stack_trace()
    {
        using var dir = TestPaths.NewTempDir();
        var (code, stdout, stderr) = Run("", "ask", "--seeds", Path.Combine(dir.Path, "nope"), "问题");

        Assert.Equal(1, code);
        Assert.Contains("does not exist", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ask", "--bogus")]
    [InlineData("ask", "--seeds")]
    public void Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var (code, _, stderr) = Run("", args);
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
    }
}

/// <summary>The README's command exactly as a user types it, through <c>dotnet run</c>.</summary>
[Trait("Category", "Integration")]
public class DotnetRunTests
{
    // `dotnet run --no-build` runs what the tests were built as: Debug by default, Release under
    // `dotnet test -c Release`.
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Ask_through_dotnet_run_resolves_a_relative_seeds_folder_where_it_is_run()
    {
        // A relative folder, from the repository root, as the checks pass ../shared/… .
        var dir = Path.Combine(TestPaths.Root, "tests", "TestResults", "relative-seeds-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.Copy(TestPaths.SeedFile, Path.Combine(dir, "page.txt"));
        var relative = Path.GetRelativePath(TestPaths.Root, dir);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["run", "--project", "src/CoopBot", "-c", Configuration, "--no-build", "--", "ask", "--seeds", relative, "--jsonl"])
            {
                WorkingDirectory = TestPaths.Root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            process.StandardInput.WriteLine(SeedFacts.CadresQuestion);
            process.StandardInput.Close();

            var (code, stdout, stderr) = await ProcessRun.FinishAsync(process, TimeSpan.FromMinutes(2));
            Assert.True(code == 0, stderr);
            Assert.Equal(SeedFacts.CadresAnswer, System.Text.Json.JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("answer").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
