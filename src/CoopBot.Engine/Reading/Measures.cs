using CoopBot.Engine.Retrieval;

namespace CoopBot.Engine.Reading;

/// <summary>
/// What a quantity question measures, when its unit says so: an age (多大岁数 → 岁), a share (百分之几,
/// 几成), money, a weight, a length or an area. A passage that prints no figure of that measure cannot
/// state the answer, however well it matches the question's words: 张庆伟多大岁数 is not answered by
/// the 2017年 of the passage that names him. Counting units (个, 名, 家, 项…) and units of time are
/// not measures here: they stand in for one another in print (多少人 → 2546名) and a year is both a
/// date and a duration.
/// </summary>
public static class Measures
{
    private static readonly string[][] Dimensions =
    [
        ["岁", "周岁"],
        ["%", "‰", "成"],
        ["元", "美元", "港元", "日元", "欧元", "英镑", "卢布", "韩元", "台币", "新台币", "澳元", "加元", "法郎"],
        ["吨", "公吨", "千克", "公斤", "毫克", "克", "斤", "磅", "盎司"],
        ["公里", "千米", "米", "公尺", "公分", "厘米", "毫米", "纳米", "英里", "英尺", "英寸", "海里", "光年", "km", "cm", "mm"],
        ["平方公里", "平方千米", "平方英里", "平方米", "亩", "公顷", "英亩"],
    ];

    /// <summary>The units of the measure <paramref name="unit"/> belongs to, or null when it is a count, a unit of time or unknown.</summary>
    public static IReadOnlyList<string>? DimensionOf(string? unit)
    {
        if (unit is null)
        {
            return null;
        }

        // Longest first: 平方米 is an area, not a length; 亿元 is money.
        IReadOnlyList<string>? best = null;
        int bestLength = 0;
        foreach (var dimension in Dimensions)
        {
            foreach (var u in dimension)
            {
                if (u.Length > bestLength && unit.EndsWith(u, StringComparison.Ordinal))
                {
                    (best, bestLength) = (dimension, u.Length);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The measure the question word itself names (多少吨, 几岁, 多大岁数, 百分之几, 几成, 多少钱), or null.
    /// A unit the analyser only inferred from the words around (…率 → %, …投资 → 元) is a hint for
    /// ranking spans, not a demand: 胡昌升率团 is a man leading a delegation, not a rate.
    /// </summary>
    public static IReadOnlyList<string>? Asked(QuestionAnalysis question)
    {
        if (question.Kind != AnswerKind.Quantity || question.Unit is not { } unit || question.WhStart < 0)
        {
            return null;
        }

        var wh = question.Normalized.Substring(question.WhStart, question.WhLength);
        bool named = wh.EndsWith(unit, StringComparison.Ordinal)
            || (unit == "%" && wh.StartsWith("百分之", StringComparison.Ordinal))
            || (unit == "岁" && (wh.EndsWith("岁数", StringComparison.Ordinal) || wh.EndsWith("年纪", StringComparison.Ordinal) || wh.EndsWith("年龄", StringComparison.Ordinal)))
            || (unit == "元" && wh == "多少钱");
        return named ? DimensionOf(unit) : null;
    }

    /// <summary>
    /// Whether <paramref name="folded"/> prints a figure of the measure <paramref name="question"/> asks
    /// for; true when the question asks no measure (not a quantity, or a count).
    /// </summary>
    public static bool PassageStates(QuestionAnalysis question, string folded)
    {
        if (Asked(question) is not { } dimension)
        {
            return true;
        }

        if (dimension.Contains("%") && folded.Contains("百分之", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var figure in AnswerExtractor.ArabicNumber().Matches(folded).Concat(AnswerExtractor.ChineseNumber().Matches(folded)))
        {
            if (ReferenceEquals(DimensionOf(AnswerExtractor.UnitOf(figure.Value)), dimension))
            {
                return true;
            }
        }

        return false;
    }
}
