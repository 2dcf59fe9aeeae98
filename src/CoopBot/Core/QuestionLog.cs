using CoopBot.Engine.Answering;

namespace CoopBot.Core;

/// <summary>
/// CoopBot's one log line per question, at Information: where it came from, what was asked (cut to
/// 100 characters, on one line), whether it was answered and how long the engine took. Bot
/// Framework's own per-activity lines are at Warning by default (appsettings.json), so this is the
/// line an operator reads.
/// </summary>
public static class QuestionLog
{
    /// <summary>Writes the line for one answered or refused question.</summary>
    public static void Write(ILogger logger, string channel, Answer answer, TimeSpan took)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var question = Capped.To(answer.Question.ReplaceLineEndings(" "), 100);
        if (answer.Answered)
        {
            logger.LogInformation("Question on {Channel}: {Question} → {Answer} ({Ms:0.0} ms)", channel, question, answer.Text, took.TotalMilliseconds);
        }
        else
        {
            logger.LogInformation("Question on {Channel}: {Question} → not answered, {Reason} ({Ms:0.0} ms)", channel, question, answer.Reason, took.TotalMilliseconds);
        }
    }
}
