namespace CoopBot.Core;

/// <summary>
/// Whether Bot Framework credentials are configured. Without them CoopBot is in local mode: nobody
/// authenticates a caller, so it listens on loopback only, posts replies only to this machine, limits
/// /api/messages per client and serves its own Direct Line without a secret.
/// </summary>
public static class BotCredentials
{
    /// <summary>True when <c>MicrosoftAppId</c> is set.</summary>
    public static bool AreSet(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["MicrosoftAppId"]);
}
