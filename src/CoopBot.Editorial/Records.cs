namespace CoopBot.Editorial;

/// <summary>One question the bot was asked, as logged for editors.</summary>
/// <param name="Time">When it was answered (UTC).</param>
/// <param name="Channel">Where it came from: <c>msteams</c>, <c>directline</c> (the web chat), <c>emulator</c>, <c>api</c>.</param>
/// <param name="ConversationId">The conversation id as the channel gave it; the store keeps only a keyed hash of it.</param>
/// <param name="Question">The question as typed.</param>
/// <param name="Answered">Whether a short answer was given.</param>
/// <param name="Answer">The short answer, when given.</param>
/// <param name="Reason">Why there was no answer (the engine's reason), when there was none.</param>
/// <param name="PassageIds">The passages quoted or offered, best first.</param>
/// <param name="LatencyMs">How long the engine took.</param>
/// <param name="Confidence">The reader's answer/refuse score, when the learned reader decided.</param>
/// <param name="Understood">The question as it was read, when not as typed (a follow-up, an editor's alias).</param>
public sealed record LoggedQuestion(
    DateTimeOffset Time,
    string Channel,
    string? ConversationId,
    string Question,
    bool Answered,
    string? Answer,
    string? Reason,
    IReadOnlyList<string> PassageIds,
    double LatencyMs,
    double? Confidence,
    string? Understood);

/// <summary>One vote on an answer (Teams' thumbs up or down, with the text typed with it).</summary>
/// <param name="Time">When it arrived (UTC).</param>
/// <param name="Channel">The channel it came from.</param>
/// <param name="ConversationId">The conversation id; the store keeps only a keyed hash of it.</param>
/// <param name="Reaction"><c>like</c> or <c>dislike</c>.</param>
/// <param name="Feedback">The text typed with the vote, if any.</param>
/// <param name="Question">The question the answer was for.</param>
/// <param name="Answer">The short answer voted on, when there was one.</param>
/// <param name="PassageIds">The passages the answer quoted.</param>
public sealed record LoggedVote(
    DateTimeOffset Time,
    string Channel,
    string? ConversationId,
    string Reaction,
    string? Feedback,
    string? Question,
    string? Answer,
    IReadOnlyList<string> PassageIds);

/// <summary>Which logged questions a console page shows.</summary>
/// <param name="From">First day, inclusive, in the console's time zone; null for no lower bound.</param>
/// <param name="To">Last day, inclusive; null for no upper bound.</param>
/// <param name="Channel">Only this channel; null or empty for all.</param>
/// <param name="Text">Only questions containing this text; null or empty for all.</param>
/// <param name="Outcome">Only answered or only refused questions; null for both.</param>
public sealed record LogFilter(DateOnly? From = null, DateOnly? To = null, string? Channel = null, string? Text = null, bool? Outcome = null)
{
    /// <summary>Everything.</summary>
    public static LogFilter All { get; } = new();
}

/// <summary>A stored question.</summary>
public sealed record QuestionRow(long Id, DateTimeOffset Time, string Channel, string? Conversation, string Question, bool Answered, string? Answer, string? Reason, IReadOnlyList<string> PassageIds, double LatencyMs, double? Confidence, string? Understood);

/// <summary>A stored vote.</summary>
public sealed record VoteRow(long Id, DateTimeOffset Time, string Channel, string? Conversation, string Reaction, string? Feedback, string? Question, string? Answer, IReadOnlyList<string> PassageIds);

/// <summary>Totals over a filter.</summary>
public sealed record LogTotals(long Questions, long Answered, long Refused, long Likes, long Dislikes, double? MedianLatencyMs);

/// <summary>Questions of one day.</summary>
public sealed record DayCount(DateOnly Day, long Answered, long Refused);

/// <summary>A question asked often: its most recent wording, how often, how often answered.</summary>
public sealed record FrequentQuestion(string Question, long Count, long Answered, DateTimeOffset Last);

/// <summary>A page of rows, and how many there are in all.</summary>
public sealed record RowPage<T>(IReadOnlyList<T> Rows, long Total, int Page, int PageSize)
{
    /// <summary>How many pages there are.</summary>
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An alias stored by an editor.</summary>
public sealed record StoredAlias(string Phrase, string Canonical, DateTimeOffset Added);

/// <summary>One change made in the console.</summary>
public sealed record AuditRow(DateTimeOffset Time, string Action, string Detail, string? Client);
