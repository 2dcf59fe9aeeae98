using System.Globalization;
using System.Text.RegularExpressions;
using CoopBot.Engine.Reading;

namespace CoopBot.Engine.Answering;

/// <summary>One figure a derived answer is computed from.</summary>
/// <param name="Asked">What was looked up (两省对俄贸易额2019年).</param>
/// <param name="Figure">The figure as printed.</param>
/// <param name="Passage">The passage that prints it, with its place.</param>
public sealed record Operand(string Asked, string Figure, QuotedPassage Passage);

/// <summary>How a derived answer was computed: the formula with both figures, and where each was read.</summary>
/// <param name="Formula">1957.10亿元 − 1241.99亿元 = 715.11亿元.</param>
/// <param name="Operands">The figures, each with its passage.</param>
public sealed record Derivation(string Formula, IReadOnlyList<Operand> Operands);

/// <summary>
/// Answers that are computed, not printed: 两省对俄贸易额2019年比2017年增长了多少？ (a difference) and
/// 2017年和2019年的对俄贸易额一共是多少？ (a sum), between the figures of two dates. Each figure is looked
/// up with its own question and must be printed with its date (the nearest date before it in its
/// sentence), and both must be in one unit (亿元 and 万元 are converted); otherwise the reply says which
/// figure is missing or that the units differ, and nothing is computed.
/// </summary>
public static partial class Arithmetic
{
    // A date, the thing two figures of one measure are told apart by: 2019年, 2021年9月12日, 今年5月.
    private const string Date = @"(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|(?:今|去|前)年(?:\d{1,2}月)?|\d{1,2}月(?:\d{1,2}[日号])?)";

    // …A比B增长/增加/多/减少/下降/少(了)多少, A and B dates: A minus B.
    [GeneratedRegex("^(?<subject>.*?)(?<a>" + Date + ")的?比(?<b>" + Date + ")的?(?<verb>增长|增加|多|减少|下降|少|降低|提高)了?(?:多少|几)")]
    private static partial Regex Difference();

    // A和B(的…)一共/合计/总共/加起来…多少, A and B dates: A plus B.
    [GeneratedRegex("^(?<subject>.*?)(?<a>" + Date + ")(?:和|与|及|、)(?<b>" + Date + ")的?(?<measure>[^，,]*?)(?:一共|合计|总共|加起来|共计)")]
    private static partial Regex Sum();

    // 两次签约一共多少: a sum over occasions the question counts but does not name.
    [GeneratedRegex("(?<n>两|二|三|2|3|几)(?:次|批|轮|笔|回)(?<event>[^，,]*?)(?:一共|合计|总共|加起来|共计|总计)")]
    private static partial Regex UnnamedSum();

    /// <summary>
    /// A sum over occasions the question counts but does not name (两次签约一共多少亿): how many (0 for
    /// 几), and the word that names the occasions (签约); null when the question asks no such sum.
    /// </summary>
    internal static (int Count, string Event)? ParseUnnamedSum(string normalized)
    {
        if (UnnamedSum().Match(normalized) is not { Success: true } m || Sum().Match(normalized) is { Success: true })
        {
            return null;
        }

        int count = m.Groups["n"].Value switch { "两" or "二" or "2" => 2, "三" or "3" => 3, _ => 0 };
        return (count, m.Groups["event"].Value.Trim('的', ' '));
    }

    /// <summary>The sum of several figures in one unit, exactly, in the smallest magnitude among them; null when the units differ.</summary>
    internal static string? Total(IReadOnlyList<string> figures)
    {
        var total = figures[0];
        foreach (var f in figures.Skip(1))
        {
            if (Compute(total, f, subtract: false) is not { Result: { } sum })
            {
                return null;
            }

            total = sum;
        }

        return total;
    }

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)(?<mag>万亿|亿|万|千)?(?<unit>.*)")]
    private static partial Regex Quantity();

    /// <summary>
    /// The two lookups a derived question needs, in the order they are computed (the first minus the
    /// second, or their sum), each with what tells its figure apart (2019年, 2017年); null when the
    /// question asks for no computation.
    /// </summary>
    internal static Lookups? Parse(string normalized)
    {
        if (Difference().Match(normalized) is { Success: true } d)
        {
            var subject = d.Groups["subject"].Value;
            var (a, b) = (d.Groups["a"].Value, d.Groups["b"].Value);

            // 减少了多少 asks how much less A is: B − A, a positive amount.
            return d.Groups["verb"].Value is "减少" or "下降" or "少" or "降低"
                ? new Lookups(subject + b + "是多少", b, subject + a + "是多少", a, Subtract: true, subject)
                : new Lookups(subject + a + "是多少", a, subject + b + "是多少", b, Subtract: true, subject);
        }

        if (Sum().Match(normalized) is { Success: true } s)
        {
            var subject = s.Groups["subject"].Value + s.Groups["measure"].Value;
            var (a, b) = (s.Groups["a"].Value, s.Groups["b"].Value);
            return new Lookups(a + subject + "是多少", a, b + subject + "是多少", b, Subtract: false, subject);
        }

        return null;
    }

    /// <summary>The two questions a derived answer is computed from.</summary>
    /// <param name="First">The first question (the minuend, or the first addend).</param>
    /// <param name="FirstKey">What its figure must be printed with (2019年).</param>
    /// <param name="Second">The second question.</param>
    /// <param name="SecondKey">What its figure must be printed with.</param>
    /// <param name="Subtract">Whether the answer is the first minus the second (else their sum).</param>
    /// <param name="Subject">What is computed (两省对俄贸易额), without the dates.</param>
    internal sealed record Lookups(string First, string FirstKey, string Second, string SecondKey, bool Subtract, string Subject);

    /// <summary>A value with its unit: 1957.10亿元 → (1957.10, 亿, 元).</summary>
    internal static (decimal Value, decimal Scale, string Unit, int Decimals)? Read(string figure)
    {
        var m = Quantity().Match(figure.Replace(",", "", StringComparison.Ordinal));
        if (!m.Success || !decimal.TryParse(m.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        decimal scale = m.Groups["mag"].Value switch { "万亿" => 1_000_000_000_000m, "亿" => 100_000_000m, "万" => 10_000m, "千" => 1_000m, _ => 1m };
        int decimals = m.Groups["n"].Value.Contains('.') ? m.Groups["n"].Value.Length - m.Groups["n"].Value.IndexOf('.') - 1 : 0;
        return (n, scale, m.Groups["unit"].Value, decimals);
    }

    /// <summary>
    /// Computes <paramref name="a"/> − <paramref name="b"/> (or +) in the smaller of their magnitudes,
    /// or says why it cannot: null result with the reason.
    /// </summary>
    internal static (string? Result, string? Why) Compute(string a, string b, bool subtract)
    {
        if (Read(a) is not { } x || Read(b) is not { } y)
        {
            return (null, "有数字无法读出");
        }

        if (x.Unit != y.Unit)
        {
            return (null, $"两个数字的单位不同（{a}、{b}），无法直接计算");
        }

        // In the smaller magnitude of the two, where both are exact: 1.2亿元 − 5000万元 = 7000万元.
        var scale = Math.Min(x.Scale, y.Scale);
        decimal result = subtract ? (x.Value * x.Scale - y.Value * y.Scale) / scale : (x.Value * x.Scale + y.Value * y.Scale) / scale;
        int decimals = Math.Max(Decimals(x.Decimals, x.Scale / scale), Decimals(y.Decimals, y.Scale / scale));
        var magnitude = scale switch { 1_000_000_000_000m => "万亿", 100_000_000m => "亿", 10_000m => "万", 1_000m => "千", _ => "" };
        var text = Math.Round(result, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return (text + magnitude + x.Unit, null);
    }

    /// <summary>Decimals a figure keeps once multiplied by <paramref name="factor"/> (a power of ten): 1.2亿 → 12000万 has none.</summary>
    private static int Decimals(int decimals, decimal factor) => Math.Max(0, decimals - (int)Math.Round(Math.Log10((double)factor)));
}
