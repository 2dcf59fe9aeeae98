using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CoopBot.Core;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CoopBot.Admin;

/// <summary>
/// Who may use /admin. Off unless <c>CoopBot:Admin:Key</c> is set: then every /admin path answers 404,
/// as if it did not exist. With a key, an editor signs in once; the session is a random token in an
/// HttpOnly, Secure, SameSite=Strict cookie scoped to /admin, and only its hash is kept here (a memory
/// dump does not yield a usable cookie). Sessions end after <see cref="AdminOptions.SessionLifetime"/>,
/// on sign-out, and on restart.
/// </summary>
public sealed class AdminAccess(IOptions<CoopBotOptions> options, TimeProvider time)
{
    /// <summary>The session cookie.</summary>
    public const string CookieName = "coopbot-admin";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    /// <summary>True when a key is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(options.Value.Admin.Key);

    /// <summary>Whether <paramref name="key"/> is the configured key (compared in constant time).</summary>
    public bool IsKey(string? key) =>
        Enabled && key is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Admin.Key)));

    /// <summary>Starts a session and sets its cookie.</summary>
    public void SignIn(HttpContext context)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = time.GetUtcNow() + options.Value.Admin.SessionLifetime;
        _sessions[Hash(token)] = expires;
        Prune();
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = "/admin",
            Expires = expires,
            IsEssential = true,
        });
    }

    /// <summary>Ends the session of this request, if any.</summary>
    public void SignOut(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var token) && token is not null)
        {
            _sessions.TryRemove(Hash(token), out _);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/admin", Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
    }

    /// <summary>Whether this request carries a live session.</summary>
    public bool IsSignedIn(HttpContext context)
    {
        if (!Enabled || !context.Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }

        var key = Hash(token);
        if (!_sessions.TryGetValue(key, out var expires))
        {
            return false;
        }

        if (expires <= time.GetUtcNow())
        {
            _sessions.TryRemove(key, out _);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The gate in front of /admin: 404 without a key configured (nothing about the console leaks),
    /// the sign-in page (401) or a 401 JSON error without a session, the console with one.
    /// </summary>
    public static IApplicationBuilder UseAdminGate(IApplicationBuilder app) => app.UseWhen(
        context => context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase),
        branch => branch.Use(async (context, next) =>
        {
            var access = context.RequestServices.GetRequiredService<AdminAccess>();
            if (!access.Enabled)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // Console pages are never cached by the browser or a proxy.
            context.Response.Headers.CacheControl = "no-store";
            var path = context.Request.Path;
            if (path.Equals("/admin/signin", StringComparison.OrdinalIgnoreCase) || access.IsSignedIn(context))
            {
                await next();
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (path.StartsWithSegments("/admin/api", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.WriteAsJsonAsync(new { error = "请先登录编辑后台。", errorEn = "Sign in to the editors' console first." });
                return;
            }

            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(AdminPages.SignIn(antiforgery.GetAndStoreTokens(context), null));
        }));

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (k, v) in _sessions)
        {
            if (v <= now)
            {
                _sessions.TryRemove(k, out _);
            }
        }
    }
}
