namespace CoopBot.Engine.Text;

/// <summary>
/// Small numbers written in Chinese numerals, as questions and dates use them: 三, 两, 十二, 二十五,
/// 一百, 一百零五 (and Arabic digits as they are). Up to 999; larger or malformed numerals are not read.
/// </summary>
public static class ChineseNumerals
{
    private const string Digits = "〇一二三四五六七八九";

    /// <summary>The value of one numeral character (〇/零 → 0, 两 → 2, 一…九), or -1.</summary>
    public static int DigitValue(char c) => c switch
    {
        '零' or '〇' => 0,
        '两' => 2,
        _ => Digits.IndexOf(c),
    };

    /// <summary>The value of <paramref name="numeral"/> (1–999 in Chinese numerals, or Arabic digits), or null when it is not one.</summary>
    public static int? Value(string numeral)
    {
        if (string.IsNullOrEmpty(numeral))
        {
            return null;
        }

        if (int.TryParse(numeral, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var arabic))
        {
            return arabic;
        }

        int total = 0, pending = -1;
        foreach (char c in numeral)
        {
            int unit = c switch { '十' => 10, '百' => 100, _ => 0 };
            if (unit > 0)
            {
                // 十二: a 十 with no digit before it is one ten.
                total += (pending < 0 ? 1 : pending) * unit;
                pending = -1;
            }
            else if (DigitValue(c) is int d and >= 0 && pending <= 0)
            {
                // A digit, or the one after a 零 that only holds a place (一百零五).
                pending = d;
            }
            else
            {
                return null;
            }
        }

        total += pending < 0 ? 0 : pending;
        return total is > 0 and < 1000 ? total : null;
    }
}
