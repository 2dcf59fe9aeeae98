using System.Text.RegularExpressions;

namespace CoopBot.Engine.Text;

/// <summary>
/// Dates written with Chinese numerals in a question (五月份, 九月十二日, 二〇二一年) in the Arabic
/// numerals newspapers print them in: the national standard for numerals in publications (GB/T
/// 15835-2011) prescribes Arabic numerals for the years, months and days of the Gregorian calendar,
/// so a page says 5月份 where a person types 五月份. Only calendar dates are rewritten; counts and
/// names (五年规划, 一日游, 十月革命 without a day) keep their characters.
/// </summary>
public static partial class CalendarNumerals
{
    // A month (一…十二) not preceded by another numeral, optionally followed by a day (一…三十一) and 日/号.
    [GeneratedRegex("(?<![一二三四五六七八九十〇零两])(?<month>十[一二]?|[一二三四五六七八九])月(?:(?<day>三十[一]?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九])(?<mark>[日号]))?")]
    private static partial Regex MonthDay();

    // A year of four digits written digit by digit (二〇二一年, 二零二一年).
    [GeneratedRegex("(?<![一二三四五六七八九十〇零两])(?<year>[一二三四五六七八九〇零]{4})年")]
    private static partial Regex Year();

    /// <summary>The text with calendar dates in Chinese numerals rewritten in Arabic numerals.</summary>
    public static string ToArabic(string text)
    {
        if (text.Length == 0 || !HasNumeral(text))
        {
            return text;
        }

        text = Year().Replace(text, m => string.Concat(m.Groups["year"].Value.Select(Digit)) + "年");
        return MonthDay().Replace(text, m =>
        {
            // A month alone is rewritten only where it is plainly a date: after a year (今年五月,
            // 2021年五月), before 份/底/初/中旬…, or at the end; so names such as 十月革命 or 五月天 keep
            // their characters.
            string month = Value(m.Groups["month"].Value).ToString(System.Globalization.CultureInfo.InvariantCulture) + "月";
            if (m.Groups["day"].Success)
            {
                return month + Value(m.Groups["day"].Value).ToString(System.Globalization.CultureInfo.InvariantCulture) + m.Groups["mark"].Value;
            }

            int next = m.Index + m.Length;
            bool afterYear = m.Index > 0 && text[m.Index - 1] == '年';
            return afterYear || next >= text.Length || !TextSpans.IsHan(text[next]) || "份底初中上下旬末间里的".Contains(text[next]) ? month : m.Value;
        });
    }

    private static bool HasNumeral(string text) => text.AsSpan().IndexOfAny("一二三四五六七八九十〇零") >= 0;


    private static char Digit(char c) => (char)('0' + ChineseNumerals.DigitValue(c));

    // A month or day (1–31) as the patterns above match it: 三, 十, 十二, 二十五, 三十一.
    private static int Value(string numeral) => ChineseNumerals.Value(numeral) ?? 0;
}
