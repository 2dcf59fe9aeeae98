using CoopBot.Core;
using System.Text.Json;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Reading;
using CoopBot.Rendering;

namespace CoopBot.Cli;

/// <summary>The command-line verbs: <c>index</c> and <c>ask</c>.</summary>
internal static class CommandLine
{
    public const string Usage = """
        CoopBot: answers questions about the articles in seeds/.

        Usage:
          dotnet run --project src/CoopBot [--urls URL]
              Start the chat bot (http://localhost:3978: web chat at /, Bot Framework at /api/messages).
          dotnet run --project src/CoopBot -- index [--seeds DIR] [--index DIR]
              Build (or rebuild) the index and say what was indexed.
          dotnet run --project src/CoopBot -- ask [--seeds DIR] [--index DIR] [--jsonl] [--explain] [--rules | --reader DIR] [--threshold T] [QUESTION]
              Answer QUESTION; with --jsonl, answer each line of standard input (a question, or a
              JSON object with a "question" field) with one JSON object per line.
              --explain prints the ranking evidence and the reader's candidates for QUESTION instead
              (a diagnostic); --rules answers with the hand-written extractor, --reader DIR with the
              models in DIR, --threshold T with another answer/refuse threshold (comparisons).

          dotnet run --project src/CoopBot -- ask --conversation [--seeds DIR] [--index DIR]
              Read standard input as chat messages, a line each, the way the bot reads a
              conversation (follow-ups such as 他们是哪年去的？ read with the earlier question); a blank
              line starts a new conversation. One JSON object per message, with "understood".

          dotnet run --project src/CoopBot -- teams-package --url https://HOST [--app-id ID] [--out FILE]
              Build the Teams app package (manifest + icons) for the bot registered as ID
              (default: the MicrosoftAppId environment variable); FILE defaults to artifacts/coopbot-teams.zip.

        --seeds defaults to the repository's seeds/, --index to its index/ (or, with another
        --seeds, a private folder under the system temp folder).
        """;

    /// <summary>Whether the first argument names a command-line verb (anything else starts the bot).</summary>
    public static bool IsVerb(string arg) => arg is "index" or "ask" or "teams-package" or "help" or "-h" or "--help";

    private sealed record Options(string Seeds, string Index, bool Jsonl, string? Question, bool Explain = false)
    {
        /// <summary>Read standard input as conversations: a message a line, a blank line between conversations.</summary>
        public bool Conversation { get; init; }

        /// <summary>A folder of reader models to use instead of the shipped ones.</summary>
        public string? Reader { get; init; }

        /// <summary>Answer with the hand-written rules, not the learned reader.</summary>
        public bool Rules { get; init; }

        /// <summary>The answer/refuse threshold, instead of the shipped one (a diagnostic).</summary>
        public double? Threshold { get; init; }
    }

    /// <summary>Runs a verb; returns the process exit code (0 ok, 1 failure, 2 bad usage).</summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        var verb = args[0];
        if (verb == "teams-package")
        {
            return TeamsPackageVerb(args.AsSpan(1), stdout, stderr);
        }

        if (verb is not ("index" or "ask"))
        {
            stderr.WriteLine($"Unknown command '{verb}'.");
            stderr.WriteLine(Usage);
            return 2;
        }

        if (!TryParse(args.AsSpan(1), out var options, out var error))
        {
            stderr.WriteLine(error);
            return 2;
        }

        try
        {
            return verb == "index" ? Index(options, stdout) : Ask(options, stdin, stdout);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static bool TryParse(ReadOnlySpan<string> args, out Options options, out string error)
    {
        string? seeds = null, index = null, question = null, reader = null;
        double? threshold = null;
        bool jsonl = false, explain = false, rules = false, conversation = false;
        options = null!;
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seeds" or "--index" or "--reader" when i + 1 >= args.Length:
                    error = $"{args[i]} needs a folder.";
                    return false;
                case "--seeds":
                    seeds = args[++i];
                    break;
                case "--index":
                    index = args[++i];
                    break;
                case "--jsonl":
                    jsonl = true;
                    break;
                case "--reader":
                    reader = args[++i];
                    break;
                case "--rules":
                    rules = true;
                    break;
                case "--threshold" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t):
                    threshold = t;
                    i++;
                    break;
                case "--explain":
                    explain = true;
                    break;
                case "--conversation":
                    conversation = true;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"Unknown option '{args[i]}'.\n{Usage}";
                        return false;
                    }

                    question = question is null ? args[i] : question + " " + args[i];
                    break;
            }
        }

        var seedsDir = Path.GetFullPath(seeds ?? RepositoryPaths.DefaultSeeds);
        var indexDir = Path.GetFullPath(index ?? (seeds is null ? RepositoryPaths.DefaultIndex : RepositoryPaths.IndexFor(seedsDir)));
        options = new Options(seedsDir, indexDir, jsonl, question, explain) { Reader = reader is null ? null : Path.GetFullPath(reader), Rules = rules, Threshold = threshold, Conversation = conversation };
        return true;
    }

    private static int TeamsPackageVerb(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? appId = Environment.GetEnvironmentVariable("MicrosoftAppId"), url = null;
        string output = Path.Combine(RepositoryPaths.Root, "artifacts", "coopbot-teams.zip");
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || args[i] is not ("--app-id" or "--url" or "--out"))
            {
                stderr.WriteLine($"Unexpected '{args[i]}'.\n{Usage}");
                return 2;
            }

            switch (args[i++])
            {
                case "--app-id":
                    appId = args[i];
                    break;
                case "--url":
                    url = args[i];
                    break;
                default:
                    output = Path.GetFullPath(args[i]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(appId) || string.IsNullOrWhiteSpace(url))
        {
            stderr.WriteLine("teams-package needs the bot's Azure app id (--app-id or MicrosoftAppId) and its public https address (--url).");
            return 2;
        }

        var error = Teams.TeamsPackage.Build(appId, url, output);
        if (error is not null)
        {
            stderr.WriteLine(error);
            return 2;
        }

        stdout.WriteLine($"Wrote {output} (manifest.json, color.png, outline.png) for bot {appId}.");
        return 0;
    }

    private static int Index(Options o, TextWriter stdout)
    {
        var manifest = new IndexStore(o.Index, new StderrLogger(LogLevel.Information)).Build(o.Seeds);
        stdout.WriteLine($"Indexed {manifest.Articles} articles and {manifest.Passages} passages from {o.Seeds} into {o.Index} in {manifest.BuildMilliseconds} ms.");
        if (manifest.DuplicateArticles > 0)
        {
            stdout.WriteLine($"Dropped {manifest.DuplicateArticles} article(s) printed more than once.");
        }

        stdout.WriteLine($"Skipped {manifest.Skipped.Count} file(s).");
        foreach (var s in manifest.Skipped)
        {
            stdout.WriteLine($"  {s.Path}: {s.Reason}");
        }

        return 0;
    }

    private static int Ask(Options o, TextReader stdin, TextWriter stdout)
    {
        if (!o.Jsonl && !o.Conversation && string.IsNullOrWhiteSpace(o.Question))
        {
            stdout.WriteLine($"Ask a question, for example: ask {CoopBotOptions.DefaultExampleQuestions[0]} (or use --jsonl to read questions from standard input).");
            return 2;
        }

        using var engine = QaEngine.Open(
            new EngineOptions(o.Seeds, o.Index) { Reader = o.Reader is null ? null : ReaderModels.Load(o.Reader), RulesOnly = o.Rules, Tuning = o.Threshold is { } t ? AnswerTuning.Default with { RefusalThreshold = t } : AnswerTuning.Default },
            new StderrLogger());
        if (o.Explain && !string.IsNullOrWhiteSpace(o.Question))
        {
            foreach (var line in engine.Explain(o.Question))
            {
                stdout.WriteLine(line);
            }

            return 0;
        }

        if (o.Conversation)
        {
            Converse(engine, stdin, stdout);
            return 0;
        }

        if (!o.Jsonl)
        {
            stdout.Write(AnswerText.Render(engine.Ask(o.Question!)));
            return 0;
        }

        while (stdin.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var question = QuestionOf(line);
            stdout.WriteLine(AnswerJson.Serialize(engine.Ask(question)));
        }

        return 0;
    }

    /// <summary>Messages a line, read as the bot reads a conversation (follow-ups resolved); a blank line starts a new one. One JSON object a message.</summary>
    private static void Converse(QaEngine engine, TextReader stdin, TextWriter stdout)
    {
        var followUps = new FollowUps(engine);
        PreviousTurn? previous = null;
        while (stdin.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                previous = null;
                continue;
            }

            var reading = followUps.Ask(QuestionOf(line), previous);
            previous = reading.Turn;
            stdout.WriteLine(JsonSerializer.Serialize(new { message = line.Trim(), understood = reading.Understood, answered = reading.Answer.Answered, answer = reading.Answer.Text }, AnswerJson.Options));
        }
    }

    /// <summary>A line is a JSON object with a "question" field, or else the question itself.</summary>
    private static string QuestionOf(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String)
                {
                    return q.GetString() ?? "";
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: treat the line as the question.
            }
        }

        return trimmed;
    }
}
