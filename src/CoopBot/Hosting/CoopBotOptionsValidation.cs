using Microsoft.Extensions.Options;

namespace CoopBot.Hosting;

/// <summary>Checks the settings at start-up, so a wrong seeds folder is a clear error naming it, not a broken bot.</summary>
public sealed class CoopBotOptionsValidation : IValidateOptions<CoopBotOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CoopBotOptions options)
    {
        var seeds = Path.GetFullPath(options.Seeds);
        if (!Directory.Exists(seeds))
        {
            return ValidateOptionsResult.Fail($"The seeds folder '{seeds}' does not exist. Put article text files there, or set CoopBot:Seeds to the folder that holds them.");
        }

        if (!Directory.EnumerateFiles(seeds, "*", SearchOption.AllDirectories).Any(f => !Path.GetFileName(f).StartsWith('.')))
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

        return ValidateOptionsResult.Success;
    }
}
