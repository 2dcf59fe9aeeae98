using System.Globalization;
using System.Text;

namespace CoopBot.Rendering;

/// <summary>
/// Markdown that stays valid next to Chinese text. CommonMark opens <c>**</c> only when it is
/// left-flanking and closes it only when right-flanking, so <c>签订了**《协议》**,</c> renders as
/// asterisks: punctuation at the edge of a bold span is moved outside it unless the neighbouring
/// character allows it to stay.
/// </summary>
public static class Markdown
{
    /// <summary>Escapes the characters that would start markdown or HTML syntax.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '`' or '~' or '#' or '|')
            {
                sb.Append('\\').Append(c);
            }
            else if (c == '<')
            {
                sb.Append("&lt;");
            }
            else if (c == '>')
            {
                sb.Append("&gt;");
            }
            else if (c == '&')
            {
                sb.Append("&amp;");
            }
            else if (c is '\r' or '\n')
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary><paramref name="span"/> in bold, between <paramref name="before"/> and <paramref name="after"/>, all escaped.</summary>
    public static string BoldInContext(string before, string span, string after)
    {
        int start = 0, end = span.Length;

        // Opening ** followed by punctuation must be preceded by space or punctuation (or nothing).
        char? prev = before.Length > 0 ? before[^1] : null;
        while (start < end && IsPunctuation(span[start]) && !(prev is null || char.IsWhiteSpace(prev.Value) || IsPunctuation(prev.Value)))
        {
            prev = span[start];
            start++;
        }

        // Closing ** preceded by punctuation must be followed by space or punctuation (or nothing).
        char? next = after.Length > 0 ? after[0] : null;
        while (end > start && IsPunctuation(span[end - 1]) && !(next is null || char.IsWhiteSpace(next.Value) || IsPunctuation(next.Value)))
        {
            next = span[end - 1];
            end--;
        }

        var bold = end > start ? "**" + Escape(span[start..end]) + "**" : "";
        return Escape(before) + Escape(span[..start]) + bold + Escape(span[end..]) + Escape(after);
    }

    /// <summary>A whole text in bold, valid wherever it stands on its own line.</summary>
    public static string Bold(string text) => BoldInContext("", text, "");

    /// <summary>A link with an escaped label.</summary>
    public static string Link(string label, string url) => $"[{Escape(label)}]({url.Replace(" ", "%20", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)})";

    /// <summary>Unicode punctuation and symbols, as CommonMark counts them for flanking.</summary>
    public static bool IsPunctuation(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };

    /// <summary>At most <paramref name="max"/> characters, cut with an ellipsis.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
