using CoopBot.Admin;
using CoopBot.Editorial;
using CoopBot.Engine.Answering;
using CoopBot.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CoopBot.Bot;

/// <summary>
/// The conversation: welcome, questions and answers, help, more, and Teams feedback. All wording is
/// Chinese; the engine does the answering and <see cref="ReplyComposer"/> the formatting.
/// </summary>
public sealed class CoopBotHandler(
    EngineHolder engines,
    ConversationState conversationState,
    ReplyComposer replies,
    EditorialLog log,
    AnswerLog answers,
    PublicUrl publicUrl,
    WelcomeGate welcomeGate,
    IOptions<CoopBotOptions> options,
    ILogger<CoopBotHandler> logger) : ActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationData> _data = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));

    /// <inheritdoc />
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Greet people, not the bot itself joining.
        if (membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            await WelcomeAsync(turnContext, cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        WelcomeAsync(turnContext, cancellationToken);

    /// <inheritdoc />
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;

        // In Teams group chats and channels the text starts with <at>CoopBot</at>; the question is what follows.
        var text = (activity is Activity a ? a.RemoveRecipientMention() : activity.Text) ?? "";
        text = text.Trim();

        if (text.Length == 0)
        {
            var reply = activity.Attachments?.Count > 0
                ? MessageFactory.Text("我只能读文字问题。请用文字输入你的问题。")
                : replies.Help();
            await turnContext.SendActivityAsync(reply, cancellationToken);
            return;
        }

        if (IsCommand(text, "帮助", "help", "?", "？"))
        {
            // The buttons on their own message: Teams shows a message that carries them as plain text.
            await turnContext.SendActivityAsync(replies.Help(), cancellationToken);
            await turnContext.SendActivityAsync(replies.Suggestions("可以试试这些问题：", options.Value.ExampleQuestions.Take(3)), cancellationToken);
            return;
        }

        // Greetings and thanks get a short friendly reply, never a passage.
        var smallTalk = CoopBot.Engine.Text.SmallTalk.Classify(text);
        if (smallTalk != CoopBot.Engine.Text.SmallTalkKind.None)
        {
            await turnContext.SendActivityAsync(replies.SmallTalk(smallTalk), cancellationToken);
            return;
        }

        var data = await _data.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        var engine = await engines.GetAsync(cancellationToken);
        var channel = activity.ChannelId ?? "";
        var baseUrl = publicUrl.Get();

        if (IsCommand(text, ReplyComposer.MoreCommand, "more", "更多段落"))
        {
            if (data.LastQuestion is null)
            {
                await turnContext.SendActivityAsync(MessageFactory.Text("请先提一个问题，再发送“更多”查看更多相关段落。"), cancellationToken);
                return;
            }

            // One passage more than the page shows, to know whether 更多 can be offered again.
            var all = engine.Ask(data.LastQuestion, data.Shown + 4);
            await turnContext.SendActivityAsync(replies.More(all, data.Shown, 3, channel, baseUrl), cancellationToken);
            bool moreLeft = all.Passages.Count > data.Shown + 3;
            data.Shown = Math.Min(all.Passages.Count, data.Shown + 3);
            await turnContext.SendActivityAsync(replies.AfterMore(data.LastQuestion, moreLeft), cancellationToken);
            return;
        }

        if (text.Length > Limits.MaxQuestionLength)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text($"这个问题太长了（{text.Length} 个字）。请把问题缩短到 {Limits.MaxQuestionLength} 个字以内再问。"), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Read with the last question when it refers to it (他们是哪年去的？ 第二个呢？); the reply says how it was understood.
        // Editors' aliases first (进修 → 培训学习): the question is read in the articles' words, and the
        // reply says so when that changed it.
        var aliased = log.Aliases.Rewrite(text);
        var previous = data.LastQuestion is null ? null : new PreviousTurn(data.LastQuestion, data.LastAnswer);
        var reading = new FollowUps(engine).Ask(aliased, previous);
        var answer = reading.Answer;
        var understood = reading.Understood ?? (aliased != text ? aliased : null);
        QuestionLog.Write(logger, channel, answer, clock.Elapsed);
        log.Record(channel, activity.Conversation?.Id, text, answer, clock.Elapsed, understood);
        var message = replies.Answer(answer, channel, baseUrl, understood);

        // With expectReplies nothing assigns ids; a Teams vote names the message it is for (replyToId).
        message.Id = Guid.NewGuid().ToString("N");
        var sent = await turnContext.SendActivityAsync(message, cancellationToken);
        data.LastQuestion = reading.Asked;
        data.LastAnswer = reading.Turn.Answer;
        data.Shown = answer.Answered ? 1 + ReplyComposer.Supporting : Math.Min(answer.Passages.Count, 1 + ReplyComposer.Supporting);
        // The connector's id under normal delivery; ours under expectReplies, where the response is empty.
        var sentId = string.IsNullOrEmpty(sent?.Id) ? message.Id : sent.Id;
        answers.Add(new AnswerRecord(activity.Conversation?.Id ?? "", sentId, text, answer.Text, answer.Passages.Select(p => p.Passage.Id).ToList()));

        if (answer.Answered)
        {
            await turnContext.SendActivityAsync(replies.FollowUps(text), cancellationToken);
        }
        else if (answer.Reason == NoAnswerReason.TooVague)
        {
            await turnContext.SendActivityAsync(replies.Clarify(answer), cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != "message/submitAction")
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }

        // Teams feedback: value = { actionName: "feedback", actionValue: { reaction, feedback } }.
        var value = turnContext.Activity.Value as JObject ?? (turnContext.Activity.Value is null ? null : JObject.FromObject(turnContext.Activity.Value));
        var actionValue = value?["actionValue"] as JObject;
        var reaction = actionValue?["reaction"]?.ToString();
        if (reaction is not ("like" or "dislike"))
        {
            return new InvokeResponse { Status = 400 };
        }

        // Votes come from Teams (the Bot Service authenticated the call when credentials are set; in
        // local mode, from the Teams emulator), and only for an answer sent in that conversation.
        // Anything else, say a Direct Line client posing as Teams, is refused and nothing is written.
        var conversationId = turnContext.Activity.Conversation?.Id;
        var record = turnContext.Activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams ? answers.Find(conversationId, turnContext.Activity.ReplyToId) : null;
        if (record is null)
        {
            logger.LogInformation("Feedback refused: channel {Channel} is not Teams, or the message is not an answer in this conversation", turnContext.Activity.ChannelId);
            return new InvokeResponse { Status = 400 };
        }

        if (log.Store is not { } store)
        {
            logger.LogWarning("Feedback {Reaction} not recorded: {Error}", reaction, log.Error);
            return new InvokeResponse { Status = 503 };
        }

        await store.RecordAsync(
            new LoggedVote(DateTimeOffset.UtcNow, turnContext.Activity.ChannelId ?? "", conversationId, reaction, Capped.To(FeedbackText(actionValue?["feedback"]), Limits.MaxFeedbackText), record.Question, record.Answer, record.PassageIds),
            cancellationToken);
        logger.LogInformation("Feedback {Reaction} recorded for conversation {ConversationId}", reaction, turnContext.Activity.Conversation?.Id);
        return new InvokeResponse { Status = 200 };
    }

    private async Task WelcomeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await _data.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        var conversationId = turnContext.Activity.Conversation?.Id;
        if (data.Welcomed || (!string.IsNullOrEmpty(conversationId) && !welcomeGate.TryClaim(conversationId)))
        {
            return;
        }

        data.Welcomed = true;
        var engine = await engines.GetAsync(cancellationToken);
        await turnContext.SendActivityAsync(replies.Welcome(engine.Manifest.Articles, engine.NewestArticles(8)), cancellationToken);
        await turnContext.SendActivityAsync(replies.Suggestions("可以试试这些问题：", options.Value.ExampleQuestions.Take(3)), cancellationToken);
    }

    private static bool IsCommand(string text, params string[] commands) =>
        commands.Any(c => string.Equals(text.TrimEnd('。', '.', '!', '！'), c, StringComparison.OrdinalIgnoreCase));

    /// <summary>The feedback field is a JSON string (<c>{"feedbackText":"…"}</c>); keep only the text.</summary>
    private static string? FeedbackText(JToken? token)
    {
        if (token is null)
        {
            return null;
        }

        var raw = token.Type == JTokenType.String ? token.ToString() : token.ToString(Newtonsoft.Json.Formatting.None);
        try
        {
            return JObject.Parse(raw)["feedbackText"]?.ToString() ?? raw;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return raw;
        }
    }
}
