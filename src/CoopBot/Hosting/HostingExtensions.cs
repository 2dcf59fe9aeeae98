using CoopBot.Apis;
using CoopBot.Core;
using CoopBot.Bot;
using CoopBot.DirectLine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CoopBot.Hosting;

/// <summary>The bot host's wiring, so Program reads like a table of contents.</summary>
public static class HostingExtensions
{
    /// <summary>The URL the bot listens on when none is configured (Bot Framework's usual local port).</summary>
    public const string DefaultUrl = "http://localhost:3978";

    /// <summary>Registers CoopBot's services.</summary>
    public static WebApplicationBuilder AddCoopBot(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<CoopBotOptions>().BindConfiguration(CoopBotOptions.Section)
            .PostConfigure(o =>
            {
                if (o.ExampleQuestions.Count == 0)
                {
                    o.ExampleQuestions = [.. CoopBotOptions.DefaultExampleQuestions];
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoopBotOptions>, CoopBotOptionsValidation>();

        // Opens (or builds) the index in the background and hands out the engine.
        services.AddSingleton<IEngineOpener, IndexEngineOpener>();
        services.AddSingleton<EngineHolder>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineHolder>());

        // Bot Framework: credentials from MicrosoftAppType/Id/Password/TenantId; none = local mode.
        // Its HTTP clients (connector calls that post replies, token requests) come from this factory,
        // with a short timeout, so a slow or hostile endpoint cannot hold a turn for long.
        services.AddHttpClient(Options.DefaultName).ConfigureHttpClient((sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<CoopBotOptions>>().Value.ConnectorTimeout);
        services.AddSingleton<ConfigurationBotFrameworkAuthentication>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ReusedConnectorClients(sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>()));
        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());

        // Conversation state (last question for 更多, answers awaiting feedback): in memory, expiring
        // with the conversation and bounded in count, so it cannot grow without limit.
        services.AddSingleton<IStorage>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CoopBotOptions>>().Value;
            return new BoundedMemoryStorage(o.ConversationIdleTimeout, o.MaxConversations, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ConversationState>();

        // The conversation itself and its message formatting.
        services.AddSingleton<ReplyComposer>();
        services.AddSingleton<WelcomeGate>();
        // The editors' log (questions, votes, aliases) and its console.
        services.AddSingleton<CoopBot.Admin.EditorialLog>();
        services.AddHostedService(sp => sp.GetRequiredService<CoopBot.Admin.EditorialLog>());
        services.AddSingleton<CoopBot.Admin.AdminAccess>();
        services.AddAntiforgery(o =>
        {
            // The console's forms only: its own cookie, sent to /admin alone, never cross-site; Secure
            // whenever the request is HTTPS (antiforgery refuses plain HTTP outright with "Always", and
            // the console is reached over http://localhost in local mode). The session cookie itself
            // is always Secure. X-Frame-Options is set for every page already.
            o.Cookie.Name = "coopbot-admin-csrf";
            o.Cookie.Path = "/admin";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__csrf";
            o.SuppressXFrameOptionsHeader = true;
        });

        // Answers awaiting a vote, by message id: bounded, outside the per-turn conversation state.
        services.AddSingleton(sp => new AnswerLog(sp.GetRequiredService<IOptions<CoopBotOptions>>().Value.MaxConversations * 5));
        services.AddHttpContextAccessor();
        services.AddSingleton<PublicUrl>();
        services.AddTransient<IBot, CoopBotHandler>();

        // CoopBot's own Direct Line 3.0 endpoint for the web chat page.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineStore>();

        // Per-client limits on the web endpoints (429 with Retry-After).
        services.AddCoopBotRateLimiting();

        // Links in answers follow the request's host only when that host is allowed (AllowedHosts,
        // localhost by default); the configured public address is always allowed.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        {
            var publicUrl = builder.Configuration[CoopBotOptions.Section + ":" + nameof(CoopBotOptions.PublicUrl)];
            if (Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && !o.AllowedHosts.Contains("*"))
            {
                o.AllowedHosts = [.. o.AllowedHosts, uri.Host];
            }
        });

        // Forwarded client addresses are believed only from the proxies configured (none by default).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<CoopBotOptions>>((o, coop) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in coop.Value.ForwardedHeaders.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in coop.Value.ForwardedHeaders.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>Maps CoopBot's endpoints and static files.</summary>
    public static WebApplication MapCoopBot(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<CoopBotOptions>>().Value.ForwardedHeaders;
        if (forwarded.KnownProxies.Count + forwarded.KnownNetworks.Count > 0)
        {
            // First, so that rate limits and links see the client's address and scheme.
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        app.UseArticlePathGuard();
        app.UseStaticFiles();
        app.UseRateLimiter();
        CoopBot.Admin.AdminAccess.UseAdminGate(app);
        app.MapChatPage();
        app.MapBotApi();
        app.MapAskApi();
        app.MapArticlePages();
        app.MapDirectLine();
        if (app.Services.GetRequiredService<CoopBot.Admin.AdminAccess>().Enabled)
        {
            // Mapped only when a key is set: without one the gate answers 404 for all of /admin, and
            // the console's 15 endpoints (each a compiled request delegate) cost no memory.
            CoopBot.Admin.AdminEndpoints.MapAdmin(app);
        }
        return app;
    }
}
