namespace CoopBot.Core;

/// <summary>Cuts text a client sent to the length CoopBot keeps of it (transcripts, feedback).</summary>
public static class Capped
{
    /// <summary>At most the first <paramref name="max"/> characters of <paramref name="text"/>.</summary>
    public static string? To(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
