using CoopBot.Cli;

namespace CoopBot.Hosting;

/// <summary>CoopBot's settings, section <c>CoopBot</c> (appsettings.json, environment <c>CoopBot__Seeds</c>, or the command line).</summary>
public sealed class CoopBotOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CoopBot";

    /// <summary>The folder of article files. Default: the repository's <c>seeds/</c>.</summary>
    public string Seeds { get; set; } = RepositoryPaths.DefaultSeeds;

    /// <summary>The folder the index is built into. Default: the repository's <c>index/</c>.</summary>
    public string Index { get; set; } = RepositoryPaths.DefaultIndex;

    /// <summary>The append-only file of Teams feedback votes. Default: the repository's <c>data/feedback.jsonl</c>.</summary>
    public string FeedbackFile { get; set; } = Path.Combine(RepositoryPaths.Root, "data", "feedback.jsonl");

    /// <summary>
    /// The public base URL for links in chat (<c>https://coopbot.example.org</c>). Empty: the scheme and
    /// host of the request being answered, which is right when the bot is reached directly.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>Example questions offered as buttons on welcome and after answers.</summary>
    public List<string> ExampleQuestions { get; set; } = [];
}
