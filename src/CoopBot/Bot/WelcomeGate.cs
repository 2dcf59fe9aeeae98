using System.Collections.Concurrent;

namespace CoopBot.Bot;

/// <summary>
/// Lets one welcome through per conversation, atomically. Teams (and its emulator) announce a new
/// chat with an installationUpdate and a conversationUpdate sent at the same moment; both turns read
/// the conversation state before either has saved it, so the state's flag alone lets two welcomes
/// through. The flag in the state still guards across restarts; this guards the race. Bounded: past
/// <see cref="MaxConversations"/> it starts over (a conversation greeted long ago keeps its state flag).
/// </summary>
public sealed class WelcomeGate
{
    /// <summary>Most conversations remembered before starting over.</summary>
    public const int MaxConversations = 10_000;

    private readonly ConcurrentDictionary<string, byte> _claimed = new(StringComparer.Ordinal);

    /// <summary>True for the first caller for <paramref name="conversationId"/>, false for every later one.</summary>
    public bool TryClaim(string conversationId)
    {
        if (_claimed.Count >= MaxConversations)
        {
            _claimed.Clear();
        }

        return _claimed.TryAdd(conversationId, 0);
    }
}
