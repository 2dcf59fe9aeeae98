using CoopBot.Cli;
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

var app = builder.Build();
app.MapCoopBot();
try
{
    app.Run();
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A setting that cannot work (the seeds folder missing or empty): say so plainly and stop.
    Console.Error.WriteLine("CoopBot cannot start: " + string.Join(" ", e.Failures));
    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
