namespace CoopBot.Bot;

/// <summary>What the bot remembers of a conversation, in Bot Builder's conversation state.</summary>
public sealed class ConversationData
{
    /// <summary>The last question as understood (a follow-up resolved), for 更多/more and for the next follow-up.</summary>
    public string? LastQuestion { get; set; }

    /// <summary>The last question's short answer, or null when it was not answered: what 它/这个项目 in the next message may stand for.</summary>
    public string? LastAnswer { get; set; }

    /// <summary>How many passages of the last question have been shown.</summary>
    public int Shown { get; set; }

    /// <summary>
    /// Whether the welcome was sent: Teams announces a new chat twice (an installationUpdate and a
    /// conversationUpdate), and a person should be greeted once.
    /// </summary>
    public bool Welcomed { get; set; }
}

/// <summary>An answer as sent, so a later vote on it can be recorded with what it was about.</summary>
/// <param name="ConversationId">The conversation it was sent in.</param>
/// <param name="ActivityId">The id of the message that carried the answer.</param>
/// <param name="Question">The question.</param>
/// <param name="Answer">The short answer, or null when not found.</param>
/// <param name="PassageIds">The passages quoted.</param>
public sealed record AnswerRecord(string ConversationId, string ActivityId, string Question, string? Answer, IReadOnlyList<string> PassageIds);
