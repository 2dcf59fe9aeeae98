using Microsoft.Extensions.Options;

namespace CoopBot.Core;

/// <summary>Checks the settings at start-up, so a wrong seeds folder is a clear error naming it, not a broken bot.</summary>
public sealed class CoopBotOptionsValidation(IConfiguration configuration) : IValidateOptions<CoopBotOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CoopBotOptions options)
    {
        string seeds;
        try
        {
            seeds = Path.GetFullPath(options.Seeds);
            Path.GetFullPath(options.Index);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"CoopBot:Seeds '{options.Seeds}' or CoopBot:Index '{options.Index}' is not a usable path ({e.Message}).");
        }

        if (!Directory.Exists(seeds))
        {
            return ValidateOptionsResult.Fail($"The seeds folder '{seeds}' does not exist. Put article text files there, or set CoopBot:Seeds to the folder that holds them.");
        }

        // The loader's own rule, so "empty" means what indexing will see (hidden files and folders left
        // out); it stops at the first file, where listing a decade's archive took a second of start-up.
        if (!CoopBot.Engine.Ingestion.CorpusLoader.HasFiles(seeds))
        {
            return ValidateOptionsResult.Fail($"The seeds folder '{seeds}' is empty. Put article text files there, or set CoopBot:Seeds to the folder that holds them.");
        }

        if (options.SeedsPollInterval < TimeSpan.FromSeconds(1))
        {
            return ValidateOptionsResult.Fail("CoopBot:SeedsPollInterval must be at least one second.");
        }

        if (options.AnswerCacheEntries is < 0 or > 1_000_000)
        {
            return ValidateOptionsResult.Fail("CoopBot:AnswerCacheEntries must be between 0 (no cache) and 1000000.");
        }

        if (!string.IsNullOrEmpty(options.PublicUrl)
            && !(Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUrl) && (publicUrl.Scheme == Uri.UriSchemeHttps || publicUrl.Scheme == Uri.UriSchemeHttp)))
        {
            return ValidateOptionsResult.Fail($"CoopBot:PublicUrl '{options.PublicUrl}' is not an absolute http(s) address.");
        }

        // Behind the Bot Service the links in answers must not follow whatever Host a request names.
        if (BotCredentials.AreSet(configuration) && string.IsNullOrEmpty(options.PublicUrl))
        {
            return ValidateOptionsResult.Fail("with bot credentials set, CoopBot:PublicUrl must be set to the bot's public address (https://YOUR-HOST), the base of the links in answers.");
        }

        if (options.ConnectorTimeout <= TimeSpan.Zero || options.ConnectorTimeout > TimeSpan.FromMinutes(2))
        {
            return ValidateOptionsResult.Fail("CoopBot:ConnectorTimeout must be between 0 and 2 minutes.");
        }

        if (!string.IsNullOrEmpty(options.Admin.Key) && options.Admin.Key.Length < 16)
        {
            return ValidateOptionsResult.Fail("CoopBot:Admin:Key must be at least 16 characters (or empty, which turns the editors' console off).");
        }

        if (options.RetentionDays < 0)
        {
            return ValidateOptionsResult.Fail("CoopBot:RetentionDays must be 0 (keep everything) or more.");
        }

        if (options.Admin.SessionLifetime <= TimeSpan.Zero || options.Admin.DayOffset.Duration() > TimeSpan.FromHours(14))
        {
            return ValidateOptionsResult.Fail("CoopBot:Admin:SessionLifetime must be positive and CoopBot:Admin:DayOffset between -14:00 and +14:00.");
        }

        foreach (var proxy in options.ForwardedHeaders.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                return ValidateOptionsResult.Fail($"CoopBot:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
            }
        }

        foreach (var network in options.ForwardedHeaders.KnownNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                return ValidateOptionsResult.Fail($"CoopBot:ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR form (10.0.0.0/24).");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
