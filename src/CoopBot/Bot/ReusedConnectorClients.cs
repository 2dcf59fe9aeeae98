using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace CoopBot.Bot;

/// <summary>
/// Bot Framework authentication as configured, except that connector clients are reused. CloudAdapter
/// asks for a new ConnectorClient on every turn, and each one builds its user-agent string with
/// regular expressions: about a seventh of a chat turn's CPU in the profile. Clients are kept per
/// service URL, audience and bot identity, and lent to each turn through a wrapper that ignores the
/// turn's Dispose (the older BotFrameworkAdapter kept its clients the same way).
/// </summary>
/// <remarks>
/// Bounded: service URLs come from the activities, and without credentials anyone can send one, so
/// beyond <see cref="MaxClients"/> distinct keys a turn gets a fresh client of its own, as before.
/// </remarks>
public sealed class ReusedConnectorClients(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    /// <summary>Most clients kept.</summary>
    public const int MaxClients = 64;

    private readonly ConcurrentDictionary<string, IConnectorClient> _clients = new(StringComparer.Ordinal);

    /// <summary>How many clients are kept now.</summary>
    public int Count => _clients.Count;

    /// <inheritdoc />
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Wrap(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    /// <inheritdoc />
    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Wrap(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    /// <inheritdoc />
    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        Wrap(inner.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    /// <inheritdoc />
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    /// <inheritdoc />
    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    /// <inheritdoc />
    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    /// <inheritdoc />
    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private ConnectorFactory Wrap(ConnectorFactory? factory, ClaimsIdentity? identity) =>
        factory is null ? null! : new Factory(this, factory, Identity(identity));

    /// <summary>Who the bot is for this request: the app id claims (none in local mode).</summary>
    private static string Identity(ClaimsIdentity? identity) =>
        identity is null ? "" : string.Join(
            "|",
            identity.Claims
                .Where(c => c.Type is AuthenticationConstants.AudienceClaim or AuthenticationConstants.AppIdClaim or AuthenticationConstants.AuthorizedParty)
                .Select(c => c.Type + "=" + c.Value)
                .Order(StringComparer.Ordinal));

    private sealed class Factory(ReusedConnectorClients owner, ConnectorFactory inner, string identity) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var key = serviceUrl + "\n" + audience + "\n" + identity;
            if (owner._clients.TryGetValue(key, out var kept))
            {
                return new Lent(kept);
            }

            var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            if (owner._clients.Count >= MaxClients || !owner._clients.TryAdd(key, client))
            {
                // Full, or another turn kept one first: this one is the turn's own, disposed with it.
                return client;
            }

            return new Lent(client);
        }
    }

    /// <summary>A kept client as one turn sees it: everything but Dispose, which the turn calls at its end.</summary>
    private sealed class Lent(IConnectorClient client) : IConnectorClient
    {
        public Uri BaseUri { get => client.BaseUri; set => client.BaseUri = value; }

        public JsonSerializerSettings SerializationSettings => client.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => client.DeserializationSettings;

        public ServiceClientCredentials Credentials => client.Credentials;

        public IAttachments Attachments => client.Attachments;

        public IConversations Conversations => client.Conversations;

        public void Dispose()
        {
        }
    }
}
