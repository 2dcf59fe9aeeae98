using System.Security.Claims;
using CoopBot.Bot;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace CoopBot.Tests;

/// <summary>Connector clients are reused across turns, survive each turn's Dispose, and are bounded.</summary>
[Trait("Category", "Integration")]
public class ReusedConnectorClientsTests
{
    [Fact]
    public async Task Turns_to_the_same_service_share_one_client_that_their_Dispose_does_not_close()
    {
        var inner = new FakeAuthentication();
        var auth = new ReusedConnectorClients(inner);
        var factory = auth.CreateConnectorFactory(new ClaimsIdentity());

        var first = await factory.CreateAsync("https://smba.example/teams/", "aud", CancellationToken.None);
        first.Dispose(); // what the turn does at its end
        var second = await factory.CreateAsync("https://smba.example/teams/", "aud", CancellationToken.None);
        second.Dispose();
        var other = await factory.CreateAsync("https://other.example/", "aud", CancellationToken.None);

        Assert.Equal(2, inner.Created.Count);
        Assert.False(inner.Created[0].Disposed);
        Assert.Equal(new Uri("https://smba.example/teams/"), second.BaseUri);
        Assert.Same(inner.Created[0].Conversations, second.Conversations);
        Assert.Equal(new Uri("https://other.example/"), other.BaseUri);
        Assert.Equal(2, auth.Count);
    }

    [Fact]
    public async Task Past_the_bound_a_turn_gets_its_own_client_which_its_Dispose_closes()
    {
        var inner = new FakeAuthentication();
        var auth = new ReusedConnectorClients(inner);
        var factory = auth.CreateConnectorFactory(new ClaimsIdentity());
        for (int i = 0; i < ReusedConnectorClients.MaxClients + 10; i++)
        {
            (await factory.CreateAsync($"https://s{i}.example/", "aud", CancellationToken.None)).Dispose();
        }

        Assert.Equal(ReusedConnectorClients.MaxClients, auth.Count);
        Assert.All(inner.Created.Take(ReusedConnectorClients.MaxClients), c => Assert.False(c.Disposed));
        Assert.All(inner.Created.Skip(ReusedConnectorClients.MaxClients), c => Assert.True(c.Disposed));
    }

    [Fact]
    public async Task Different_bot_identities_do_not_share_a_client()
    {
        var inner = new FakeAuthentication();
        var auth = new ReusedConnectorClients(inner);
        ClaimsIdentity Bot(string appId) => new([new Claim(AuthenticationConstants.AudienceClaim, appId), new Claim(AuthenticationConstants.AppIdClaim, appId)]);

        await auth.CreateConnectorFactory(Bot("app-a")).CreateAsync("https://smba.example/", "aud", CancellationToken.None);
        await auth.CreateConnectorFactory(Bot("app-b")).CreateAsync("https://smba.example/", "aud", CancellationToken.None);
        await auth.CreateConnectorFactory(Bot("app-a")).CreateAsync("https://smba.example/", "aud", CancellationToken.None);

        Assert.Equal(2, inner.Created.Count);
    }

    private sealed class FakeAuthentication : BotFrameworkAuthentication
    {
        public List<FakeClient> Created { get; } = [];

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => new FakeFactory(this);

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) => throw new NotSupportedException();

        private sealed class FakeFactory(FakeAuthentication owner) : ConnectorFactory
        {
            public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
            {
                var client = new FakeClient { BaseUri = new Uri(serviceUrl) };
                owner.Created.Add(client);
                return Task.FromResult<IConnectorClient>(client);
            }
        }
    }

    private sealed class FakeClient : IConnectorClient
    {
        public bool Disposed { get; private set; }

        public Uri BaseUri { get; set; } = new("http://localhost/");

        public JsonSerializerSettings SerializationSettings { get; } = new();

        public JsonSerializerSettings DeserializationSettings { get; } = new();

        public ServiceClientCredentials Credentials => MicrosoftAppCredentials.Empty;

        public IAttachments Attachments => null!;

        public IConversations Conversations { get; } = new ConversationsStub();

        public void Dispose() => Disposed = true;
    }

    private sealed class ConversationsStub : IConversations
    {
        public Task<Microsoft.Rest.HttpOperationResponse<ConversationsResult>> GetConversationsWithHttpMessagesAsync(string continuationToken = default!, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ConversationResourceResponse>> CreateConversationWithHttpMessagesAsync(ConversationParameters parameters, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ResourceResponse>> SendToConversationWithHttpMessagesAsync(string conversationId, Activity activity, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ResourceResponse>> SendConversationHistoryWithHttpMessagesAsync(string conversationId, Transcript transcript, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ResourceResponse>> UpdateActivityWithHttpMessagesAsync(string conversationId, string activityId, Activity activity, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ResourceResponse>> ReplyToActivityWithHttpMessagesAsync(string conversationId, string activityId, Activity activity, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse> DeleteActivityWithHttpMessagesAsync(string conversationId, string activityId, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<IList<ChannelAccount>>> GetConversationMembersWithHttpMessagesAsync(string conversationId, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ChannelAccount>> GetConversationMemberWithHttpMessagesAsync(string userId, string conversationId, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<PagedMembersResult>> GetConversationPagedMembersWithHttpMessagesAsync(string conversationId, int? pageSize = null, string continuationToken = null!, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse> DeleteConversationMemberWithHttpMessagesAsync(string conversationId, string memberId, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<IList<ChannelAccount>>> GetActivityMembersWithHttpMessagesAsync(string conversationId, string activityId, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Microsoft.Rest.HttpOperationResponse<ResourceResponse>> UploadAttachmentWithHttpMessagesAsync(string conversationId, AttachmentData attachmentUpload, Dictionary<string, List<string>> customHeaders = null!, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
