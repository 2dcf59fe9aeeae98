using System.Text;

namespace CoopBot.Engine.Text;

/// <summary>
/// Turns the bytes of an article file into text. Chinese newspaper text arrives as UTF-8 (with or
/// without BOM), UTF-16 with BOM, or GB18030/GBK; anything else is reported as not text.
/// </summary>
public static class TextDecoder
{
    static TextDecoder()
    {
        // GB18030 lives in the code-pages provider, which .NET does not register by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; returns false when they are not text in a supported encoding.</summary>
    /// <param name="bytes">The raw file content.</param>
    /// <param name="text">The decoded text with line endings normalised to LF and no BOM.</param>
    /// <param name="encodingName">The encoding that was recognised, for diagnostics.</param>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string encodingName)
    {
        text = "";
        encodingName = "";
        string? decoded = null;
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            decoded = TryStrict(StrictUtf8, bytes[3..]);
            encodingName = "utf-8-bom";
        }
        else if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            decoded = TryStrict(new UnicodeEncoding(false, false, true), bytes[2..]);
            encodingName = "utf-16le";
        }
        else if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            decoded = TryStrict(new UnicodeEncoding(true, false, true), bytes[2..]);
            encodingName = "utf-16be";
        }
        else if (bytes.IndexOf((byte)0) < 0)
        {
            // No BOM: UTF-8 is the common case and is self-validating; GB18030 accepts almost any
            // byte sequence, so it is only tried when strict UTF-8 fails.
            decoded = TryStrict(StrictUtf8, bytes);
            encodingName = "utf-8";
            if (decoded is null)
            {
                decoded = TryStrict(Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), bytes);
                encodingName = "gb18030";
            }
        }

        if (decoded is null || !LooksLikeText(decoded))
        {
            encodingName = "";
            return false;
        }

        text = decoded.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return true;
    }

    private static string? TryStrict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Binary files can survive a lenient decode; control characters give them away.</summary>
    private static bool LooksLikeText(string s)
    {
        if (s.Length == 0)
        {
            return true;
        }

        int control = 0;
        foreach (char c in s)
        {
            if (c == '\0' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) || c == '\uFFFD')
            {
                control++;
            }
        }

        return control * 100 < s.Length;
    }
}
