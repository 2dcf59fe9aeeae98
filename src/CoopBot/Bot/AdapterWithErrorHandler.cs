using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace CoopBot.Bot;

/// <summary>
/// The Bot Framework adapter with one job added: when a turn fails, log it with the conversation id,
/// tell the user briefly, and leave the conversation usable for the next question.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    private readonly BotFrameworkAuthentication _auth;
    private readonly string? _appId;

    /// <summary>One constructor, so dependency injection is not ambiguous.</summary>
    /// <remarks>
    /// The base adapter logs a line per activity ("ProcessActivityAsync", "Sending activity") at
    /// Information; it gets a logger in Bot Framework's own category, which appsettings.json keeps at
    /// Warning, so a running bot's log holds CoopBot's one line per question and not three per turn.
    /// </remarks>
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, IConfiguration configuration, ILogger<AdapterWithErrorHandler> logger, ILogger<CloudAdapter> frameworkLogger)
        : base(auth, frameworkLogger)
    {
        _auth = auth;
        _appId = configuration["MicrosoftAppId"];
        OnTurnError = async (turnContext, exception) =>
        {
            logger.LogError(exception, "Turn failed in conversation {ConversationId}", turnContext.Activity.Conversation?.Id);
            try
            {
                await turnContext.SendActivityAsync("抱歉，处理这个问题时出了错。请再试一次，或换一种问法。");
            }
            catch (Exception sendError)
            {
                logger.LogError(sendError, "Could not tell conversation {ConversationId} about the failure", turnContext.Activity.Conversation?.Id);
            }
        };
    }

    /// <summary>
    /// Runs one turn for CoopBot's own Direct Line channel through the same adapter pipeline as
    /// /api/messages (middleware, error handler, state), collecting the replies instead of posting
    /// them to a connector. The caller (our Direct Line endpoint) has already checked its token.
    /// </summary>
    public async Task<IList<Activity>> ProcessDirectLineTurnAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        AuthenticateRequestResult auth;
        if (string.IsNullOrEmpty(_appId))
        {
            // Local mode: the anonymous identity the adapter gives any unauthenticated request.
            auth = await _auth.AuthenticateRequestAsync(activity, string.Empty, cancellationToken);
        }
        else
        {
            // The bot talking to itself: the identity of its own app id, as for a skill call.
            var identity = new ClaimsIdentity(
                [new Claim(AuthenticationConstants.AudienceClaim, _appId), new Claim(AuthenticationConstants.AppIdClaim, _appId), new Claim(AuthenticationConstants.VersionClaim, "2.0")],
                "CoopBotDirectLine");
            auth = new AuthenticateRequestResult { ClaimsIdentity = identity, Audience = _appId, ConnectorFactory = _auth.CreateConnectorFactory(identity) };
        }

        var response = await ProcessActivityAsync(auth, activity, bot.OnTurnAsync, cancellationToken);
        return (response?.Body as ExpectedReplies)?.Activities ?? [];
    }
}
