namespace CoopBot.Core;

/// <summary>How much of what people send CoopBot reads, the same through every channel.</summary>
public static class Limits
{
    /// <summary>Longer questions are refused politely, without searching.</summary>
    public const int MaxQuestionLength = 500;

    /// <summary>The text typed with a vote is kept up to this many characters.</summary>
    public const int MaxFeedbackText = 2_000;
}
