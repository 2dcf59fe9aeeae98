using CoopBot.Core;
using Microsoft.Extensions.Options;

namespace CoopBot.Bot;

/// <summary>The base URL for links in chat: configured, or else the scheme and host the request came to.</summary>
public sealed class PublicUrl(IHttpContextAccessor http, IOptions<CoopBotOptions> options)
{
    /// <summary>Without a trailing slash.</summary>
    public string Get()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            return options.Value.PublicUrl.TrimEnd('/');
        }

        var request = http.HttpContext?.Request;
        return request is null ? "http://localhost:3978" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
