using System.Security.Cryptography;

namespace CoopBot.Apis;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only CoopBot's own scripts
/// and styles; Web Chat injects its styles at run time, so the chat page gets a per-request nonce
/// that it hands to Web Chat.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "coopbot.csp-nonce";
    private const string EmptyStyleHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    /// <summary>The nonce of this response (created on first use).</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    /// <summary>Adds the headers; the policy is computed when the response starts, after the page chose its nonce.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // Web Chat also inserts one empty style; the hash below is SHA-256 of the empty string, so
            // it admits exactly that and nothing else.
            var styleNonce = context.Items[NonceKey] is string n ? $" 'nonce-{n}' '{EmptyStyleHash}'" : "";
            headers.ContentSecurityPolicy =
                "default-src 'none'; script-src 'self'; style-src 'self'" + styleNonce + "; img-src 'self' data: blob:; font-src 'self' data:; " +
                "connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        await next();
    });
}
