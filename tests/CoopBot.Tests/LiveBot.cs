using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace CoopBot.Tests;

/// <summary>CoopBot on a real loopback port (Kestrel), for clients that must reach it over HTTP.</summary>
public sealed class LiveBot : IDisposable
{
    private readonly BotAppFactory _app;

    public LiveBot()
        : this(null)
    {
    }

    /// <summary>A live bot with extra settings (an admin key).</summary>
    public LiveBot(Dictionary<string, string?>? settings)
    {
        _app = settings is null ? new BotAppFactory() : BotAppFactory.With(settings);
        BaseUrl = StartOnFreePort(_app);
        Port = new Uri(BaseUrl).Port;
    }

    /// <summary>The bot's host, for tests that read its log.</summary>
    public BotAppFactory App => _app;

    public int Port { get; }

    public string BaseUrl { get; }

    /// <summary>
    /// Starts <paramref name="app"/> on Kestrel at a port the kernel picks when binding (port 0) and
    /// returns its base URL. Picking a free port first and binding it after left a window in which a
    /// parallel test's client socket could take it.
    /// </summary>
    public static string StartOnFreePort(BotAppFactory app)
    {
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!
            .Addresses.Single();
        return $"http://127.0.0.1:{new Uri(address).Port}";
    }

    /// <summary>A port free now, for a program outside this process that must be told its port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>
/// End-to-end tests need real clients (node with the Teams emulator, Debian's Chromium). Locally they
/// are skipped, with the reason, when those are missing; CI sets COOPBOT_E2E=required so that a missing
/// client fails the run instead of hiding behind a skip.
/// </summary>
internal static class E2E
{
    public static string PlaygroundCli => Path.Combine(Repo.Root, "tests", "e2e", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    public static string Chromium => Environment.GetEnvironmentVariable("COOPBOT_CHROMIUM") ?? "/usr/bin/chromium";

    public static string ArtifactsDir
    {
        get
        {
            var dir = Path.Combine(Repo.Root, "tests", "TestResults", "e2e");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>Flags for headless Chromium in a container: no sandbox, GPU, QUIC or background traffic.</summary>
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>Debian's Chromium, headless, through Microsoft.Playwright (no browser download).</summary>
    public static Task<Microsoft.Playwright.IBrowser> LaunchChromiumAsync(Microsoft.Playwright.IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new Microsoft.Playwright.BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumFlags });

    /// <summary>The Content-Security-Policy violations the page reports on its console, collected as they come.</summary>
    public static List<string> CspViolations(Microsoft.Playwright.IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }

        Assert.False(Environment.GetEnvironmentVariable("COOPBOT_E2E") == "required", $"{what} is required (COOPBOT_E2E=required) but missing.");
        Skip.If(true, $"{what} is not installed; see README (Tests).");
    }
}

/// <summary>A child process (and its children) that ends when the test ends, passed or not.</summary>
internal sealed class ChildProcess(System.Diagnostics.Process process) : IDisposable
{
    /// <summary>Runs the bot's program with <paramref name="args"/> until it exits (at most <paramref name="timeout"/>); its exit code and the lines it wrote to stderr.</summary>
    public static async Task<(int Code, string[] ErrorLines)> RunProgramAsync(TimeSpan timeout, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var child = new ChildProcess(System.Diagnostics.Process.Start(start)!);
        var stderr = child.Process.StandardError.ReadToEndAsync();
        _ = child.Process.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await child.Process.WaitForExitAsync(cancel.Token);
        return (child.Process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public System.Diagnostics.Process Process { get; } = process;

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
    }
}
