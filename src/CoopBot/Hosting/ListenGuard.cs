using CoopBot.Core;
using System.Net;

namespace CoopBot.Hosting;

/// <summary>
/// Without Bot Framework credentials nobody authenticates a caller, so CoopBot then listens only on
/// this machine unless told otherwise (<see cref="CoopBotOptions.AllowRemoteWithoutCredentials"/>).
/// </summary>
public static class ListenGuard
{
    /// <summary>Why the configured addresses may not be used, or null when they may.</summary>
    /// <param name="urls">The addresses, separated by ';' (as <c>--urls</c> takes them).</param>
    /// <param name="credentials">Whether bot credentials are set.</param>
    /// <param name="allowRemote">The explicit opt-in.</param>
    public static string? Problem(string? urls, bool credentials, bool allowRemote)
    {
        if (credentials || allowRemote || string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsLoopback(url))
            {
                return $"without bot credentials (MicrosoftAppId) anyone who reaches CoopBot can use it, so it listens only on this machine, not on {url}. "
                    + "Use --urls http://localhost:PORT, set the bot's credentials, or on a network you trust set CoopBot:AllowRemoteWithoutCredentials=true (and AllowedHosts to the host names clients use).";
            }
        }

        return null;
    }

    /// <summary>Whether a listen address (<c>http://host:port</c>, with Kestrel's <c>*</c> and <c>+</c> wildcards) is loopback only.</summary>
    public static bool IsLoopback(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme < 0 ? url : url[(scheme + 3)..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        string host;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? authority : authority[1..close];
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The addresses the host will listen on, from the settings Kestrel reads.</summary>
    public static string ConfiguredUrls(IConfiguration configuration)
    {
        var urls = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuration["urls"]))
        {
            urls.Add(configuration["urls"]!);
        }

        // HTTP_PORTS / HTTPS_PORTS (the container images' default) bind every interface.
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                urls.Add($"http://*:{port}");
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(endpoint["Url"]))
            {
                urls.Add(endpoint["Url"]!);
            }
        }

        return string.Join(';', urls);
    }
}
