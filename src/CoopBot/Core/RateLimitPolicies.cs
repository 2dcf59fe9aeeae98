namespace CoopBot.Core;

/// <summary>The rate-limit policies endpoints name (registered by the host, per client address).</summary>
public static class RateLimitPolicies
{
    /// <summary>Pages, /api/ask and Direct Line.</summary>
    public const string Web = "web";

    /// <summary>Issuing Direct Line tokens, i.e. starting conversations.</summary>
    public const string Tokens = "tokens";

    /// <summary>/api/messages in local mode (with credentials every call is authenticated and comes from the Bot Service).</summary>
    public const string Messages = "messages";

    /// <summary>The editors' console pages and actions.</summary>
    public const string Admin = "admin";

    /// <summary>Signing in to the editors' console: few per minute, so a key cannot be guessed.</summary>
    public const string AdminSignIn = "admin-signin";
}
