using CoopBot.Cli;
using CoopBot.Core;
using CoopBot.Hosting;

// With a verb (ask, index, teams-package, help) CoopBot is a command-line tool; without one it is the bot.
if (args.Length > 0 && CommandLine.IsVerb(args[0]))
{
    Console.OutputEncoding = System.Text.Encoding.UTF8;
    Console.InputEncoding = System.Text.Encoding.UTF8;
    return CommandLine.Run(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,

    // `dotnet run --project src/CoopBot` runs from the repository root: static files and settings
    // ship next to the program, so look for them there rather than in the working directory.
    ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
});
builder.AddCoopBot();

// A failed start is reported below in one line; the host's own report of it is a stack trace.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

var app = builder.Build();

// Check the settings before the host starts: a seeds folder that is missing or empty is a plain
// message, not a failed start logged with a stack trace.
CoopBotOptions coopBotOptions;
try
{
    coopBotOptions = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CoopBotOptions>>().Value;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    Console.Error.WriteLine("CoopBot cannot start: " + string.Join(" ", e.Failures));
    return 1;
}

// Local mode answers anyone who reaches it: refuse to listen beyond this machine without an opt-in.
var listenProblem = ListenGuard.Problem(
    ListenGuard.ConfiguredUrls(app.Configuration),
    credentials: BotCredentials.AreSet(app.Configuration),
    allowRemote: coopBotOptions.AllowRemoteWithoutCredentials);
if (listenProblem is not null)
{
    Console.Error.WriteLine("CoopBot cannot start: " + listenProblem);
    return 1;
}

app.MapCoopBot();
var engines = app.Services.GetRequiredService<EngineHolder>();

// Taken now: a failed start disposes the host's services before the catch below looks.
var lifetime = app.Lifetime;
try
{
    app.Run();
}
catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
{
    // Stopped (Ctrl+C, SIGTERM from a container runtime) while starting: a stop like any other.
    return 0;
}
catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
{
    // Kestrel cannot listen: the port is taken (another CoopBot, the Bot Framework Emulator), the
    // address is not this machine's, or a certificate is missing. One line, and what to do.
    bool taken = e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e is Microsoft.AspNetCore.Connections.AddressInUseException;
    Console.Error.WriteLine("CoopBot cannot start: " + e.Message.ReplaceLineEndings(" ")
        + (taken ? " Another program is listening there: stop it, or give CoopBot another address with --urls (for example --urls http://localhost:3979)." : ""));
    return 1;
}

// The engine stops the host when the index cannot be opened; say so in the exit code too.
var loadError = engines.Error;
if (loadError is not null)
{
    Console.Error.WriteLine("CoopBot cannot start: " + loadError);
    return 1;
}

return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
