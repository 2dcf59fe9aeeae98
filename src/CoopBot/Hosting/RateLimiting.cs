using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using CoopBot.Core;
using Microsoft.Extensions.Options;

namespace CoopBot.Hosting;

/// <summary>ASP.NET Core's rate limiter, per client address: 429 with Retry-After past the limit.</summary>
public static class RateLimiting
{
    /// <summary>Registers the policies.</summary>
    public static IServiceCollection AddCoopBotRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(new { error = $"Too many requests; try again in {retry} s." }, ct);
            };
            o.AddPolicy(RateLimitPolicies.Web, http => Partition(http, "web", l => l.PerMinute));
            o.AddPolicy(RateLimitPolicies.Tokens, http => Partition(http, "tokens", l => l.TokensPerMinute));
            o.AddPolicy(RateLimitPolicies.Admin, http => Partition(http, "admin", _ => Admin(http).PerMinute));
            o.AddPolicy(RateLimitPolicies.AdminSignIn, http => Partition(http, "admin-signin", _ => Admin(http).SignInsPerMinute));
            o.AddPolicy(RateLimitPolicies.Messages, http => !BotCredentials.AreSet(http.RequestServices.GetRequiredService<IConfiguration>())
                ? Partition(http, "messages", l => l.MessagesPerMinute)
                : RateLimitPartition.GetNoLimiter("messages"));
        });
        return services;
    }

    private static AdminOptions Admin(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<CoopBotOptions>>().Value.Admin;

    private static RateLimitPartition<string> Partition(HttpContext http, string policy, Func<RateLimitOptions, int> limit)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<CoopBotOptions>>().Value.RateLimit;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        return RateLimitPartition.GetFixedWindowLimiter(policy + ":" + client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit(options)),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
