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

    /// <summary>
    /// People counted (人, 名, 口, 位): a measure for telling a wrong answer (人口 → 51.65万吨), not for the
    /// passage check, since a count of people is also printed without a unit or with 个, 家, 批.
    /// </summary>
    private static readonly string[] People = ["人", "万人", "名", "万名", "口", "位"];

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
        if (question.Kind != AnswerKind.Quantity || question.WhStart < 0)
        {
            return null;
        }

        var wh = question.Normalized.Substring(question.WhStart, question.WhLength);
        if (question.Unit is not { } unit)
        {
            return ByAdjective(question, wh);
        }

        bool named = wh.EndsWith(unit, StringComparison.Ordinal)
            || (unit == "%" && (wh.StartsWith("百分之", StringComparison.Ordinal) || wh.EndsWith('成')))
            || (unit == "岁" && (wh.EndsWith("岁数", StringComparison.Ordinal) || wh.EndsWith("年纪", StringComparison.Ordinal) || wh.EndsWith("年龄", StringComparison.Ordinal)))
            || (unit == "元" && wh == "多少钱");
        return named ? DimensionOf(unit) : null;
    }

    private static string[] Weight => Dimensions[3];

    private static string[] Length => Dimensions[4];

    /// <summary>Nouns of time a length of time is asked of (任期是多长, 历史有多长).</summary>
    private static readonly string[] TimeNouns = ["任期", "时间", "时长", "历史", "寿命", "周期", "时期", "期限", "工期", "假期", "刑期", "年限", "年代", "日子", "岁月"];

    /// <summary>
    /// The measure an adjective asks (多高, 多深, 多宽, 多远, 多厚 a length; 多重 a weight; 多长 a length unless
    /// it asks how long a time is: 多长时间, 任期是多长), or null.
    /// </summary>
    private static IReadOnlyList<string>? ByAdjective(QuestionAnalysis question, string wh)
    {
        switch (wh)
        {
            case "多高" or "多深" or "多宽" or "多远" or "多厚":
                return Length;
            case "多重":
                return Weight;
            case "多长":
                var after = question.Normalized.AsSpan(question.WhStart + question.WhLength);
                var before = question.LeadIn.TrimEnd("是为有的约达共大概".ToCharArray());
                bool time = after.StartsWith("时", StringComparison.Ordinal) || after.StartsWith("日子", StringComparison.Ordinal) || after.StartsWith("一段", StringComparison.Ordinal)
                    || after.StartsWith("的时", StringComparison.Ordinal) || after.StartsWith("的日子", StringComparison.Ordinal)
                    || TimeNouns.Any(n => before.EndsWith(n, StringComparison.Ordinal));
                return time ? null : Length;
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="value"/> holds a figure, in digits or Chinese numerals (2546名, 三成, 半数, 十四五).</summary>
    public static bool HasFigure(string value) => value.AsSpan().IndexOfAny("0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿半几数零〇") >= 0;

    /// <summary>
    /// Whether the answer's unit is of another measure than the one the question asks, by its question
    /// word or by the measure it names right before it (人口是多少 → people, 面积有多大 → an area, 增长率 →
    /// a share, 投资额/签约额 → money): 黑龙江的人口是多少 is not answered by 51.65万吨. A bare figure
    /// contradicts nothing.
    /// </summary>
    public static bool Contradicts(QuestionAnalysis question, string answer)
    {
        if (question.Kind != AnswerKind.Quantity || AnswerExtractor.UnitOf(answer.Trim()) is not { } unit || !answer.Any(char.IsDigit))
        {
            return false;
        }

        var asked = Asked(question) ?? NamedBefore(question) ?? CountsPeople(question);
        if (asked is null)
        {
            return false;
        }

        var given = People.Any(p => unit == p) ? People : DimensionOf(unit);
        return given is not null && !ReferenceEquals(given, asked);
    }

    /// <summary>
    /// Whether a quantity answer is a bare number cut out of a date (the 1 of 9月1日, the 2019 of 2019年):
    /// never what "how much" or "how many" asks, unless the question counts days, months or years.
    /// </summary>
    /// <param name="q">The analysed question.</param>
    /// <param name="text">The passage, folded.</param>
    /// <param name="start">Where the answer starts.</param>
    /// <param name="length">Its length.</param>
    public static bool CutFromADate(QuestionAnalysis q, string text, int start, int length)
    {
        if (q.Kind != AnswerKind.Quantity || q.Unit is "日" or "天" or "月" or "年" || length == 0 || text.AsSpan(start, length).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        int end = start + length;
        return end < text.Length && (text[end] is '日' or '号' or '月' || (text[end] == '年' && length == 4));
    }

    /// <summary>
    /// The first of <paramref name="candidates"/> (best first) that is a whole figure (as
    /// <see cref="MeasuredNoun.FigureAt"/> reads one: number, range and unit) of the measure the question
    /// asks, or null when the question asks none or no candidate is one.
    /// </summary>
    public static (int Start, int Length)? BestOfTheMeasure(QuestionAnalysis question, string text, IEnumerable<(int Start, int Length)> candidates)
    {
        if ((Asked(question) ?? NamedBefore(question)) is not { } asked || ReferenceEquals(asked, People))
        {
            return null;
        }

        foreach (var (start, length) in candidates)
        {
            if (MeasuredNoun.FigureAt(text, start) == start + length && ReferenceEquals(DimensionOf(AnswerExtractor.UnitOf(text.Substring(start, length))), asked))
            {
                return (start, length);
            }
        }

        return null;
    }

    private static readonly (string Noun, int Dimension)[] MeasureNouns =
    [
        ("人口", -1), ("人数", -1),
        ("比例", 1), ("比重", 1), ("占比", 1), ("百分比", 1), ("增长率", 1), ("增速", 1), ("增幅", 1), ("降幅", 1), ("涨幅", 1), ("利率", 1), ("税率", 1),
        ("金额", 2), ("资金", 2), ("投资额", 2), ("总投资", 2), ("签约额", 2), ("贸易额", 2), ("总额", 2), ("价格", 2), ("票价", 2), ("收入", 2), ("利润", 2), ("成本", 2), ("经费", 2), ("工资", 2),
        ("重量", 3), ("体重", 3),
        ("长度", 4), ("高度", 4), ("深度", 4), ("宽度", 4), ("距离", 4), ("身高", 4), ("海拔", 4),
        ("面积", 5),
    ];

    /// <summary>Nouns for people a count asks of (多少员工, 几名干部).</summary>
    private static readonly string[] PeopleNouns =
    [
        "员工", "职工", "工人", "人员", "干部", "学生", "教师", "老师", "医生", "护士", "游客", "居民", "村民", "市民", "农民", "党员",
        "会员", "球员", "队员", "运动员", "演员", "士兵", "官兵", "人才", "人",
    ];

    /// <summary>People, when a count asks for a noun for people right after its question word (深哈产业园有多少员工: not 43.42万平方米).</summary>
    private static IReadOnlyList<string>? CountsPeople(QuestionAnalysis question)
    {
        if (question.Unit is { } unit && !People.Contains(unit))
        {
            return null;
        }

        var after = question.LeadOut;
        return PeopleNouns.Any(n => after.StartsWith(n, StringComparison.Ordinal) && (after.Length == n.Length || !char.IsLetterOrDigit(after[n.Length]) || n.Length > 1)) ? People : null;
    }

    /// <summary>What stands between a measure and the question word (人口分别是多少, 面积一共有多大).</summary>
    private static readonly string[] Fillers = ["分别", "一共", "总共", "共计", "大约", "大概", "约", "达", "共", "有", "为", "是", "的", "各"];

    /// <summary>The measure a question names right before its question word (…的人口是多少), or null.</summary>
    private static IReadOnlyList<string>? NamedBefore(QuestionAnalysis question)
    {
        var left = question.LeadIn;
        for (bool cut = true; cut;)
        {
            cut = false;
            foreach (var filler in Fillers)
            {
                if (left.EndsWith(filler, StringComparison.Ordinal))
                {
                    left = left[..^filler.Length];
                    cut = true;
                }
            }
        }

        foreach (var (noun, dimension) in MeasureNouns)
        {
            if (left.EndsWith(noun, StringComparison.Ordinal))
            {
                return dimension < 0 ? People : Dimensions[dimension];
            }
        }

        return null;
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
