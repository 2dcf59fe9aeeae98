using System.Text.RegularExpressions;
using CoopBot.Engine.Indexing;
using CoopBot.Engine.Text;
using Lucene.Net.Analysis;

namespace CoopBot.Engine.Retrieval;

/// <summary>
/// Reads a question: normalises it, finds the question word and the kind of answer it asks for
/// (with the unit of a quantity), and keeps the content words for retrieval.
/// </summary>
public sealed partial class QuestionAnalyzer(Analyzer analyzer)
{
    /// <summary>
    /// Units and measure words a quantity is counted in, longest first so 万吨 wins over 吨. Besides the
    /// units of news prose, the measures of encyclopaedia text in both scripts (folded to Simplified:
    /// 公尺, 公分, 公吨 of Taiwan usage, 英里, 海里), currencies other than the yuan, power and energy,
    /// and the counts of sport (分, 球, 局), and the metric abbreviations pages print (km², m², km, kg). A
    /// prefix of another unit comes after it (千瓦时 before 千瓦 before 瓦, km² before km).
    /// </summary>
    internal const string Units = "万亿元|亿美元|万美元|亿元|万元|千元|美元|港元|日元|欧元|英镑|卢布|韩元|新台币|台币|澳元|加元|法郎|元|万吨|公吨|吨|千克|公斤|毫克|克|万斤|亿斤|斤|磅|盎司|万人次|人次|架次|万人|万名|万户|万个|名|个|家|次|对|套|项|人|位|倍|公里|千米|平方公里|平方千米|平方英里|万平方米|平方米|立方米|公尺|公分|厘米|毫米|纳米|英里|英尺|英寸|海里|光年|米|万亩|亩|公顷|英亩|公升|毫升|升|千瓦时|瓦时|千瓦|兆瓦|瓦|伏特|赫兹|岁|周年|年|天|小时|分钟|秒|座|所|条|台|辆|架|艘|件|种|批|期|届|场|球|局|部|本|篇|张|只|头|株|棵|户|间|层|首|集|款|处|枚|块|份|度|℃|°c|°f|周|月|分|成|趟|班|列|节|匹|支|根|颗|粒|片|幅|栋|幢|队|门|组|章|卷|册|页|字|句|笔|双|副|任|轮|季|回|遍|英吋|吋|km²|m²|m³|km|cm|mm|kg";

    private static readonly HashSet<string> UnitSet = new(Units.Split('|'), StringComparer.Ordinal);

    /// <summary>Whether a word is one of <see cref="Units"/> (个, 万吨, 公分…).</summary>
    internal static bool IsUnit(string word) => UnitSet.Contains(word);

    // The order matters: a date word must win over the 几 of a count, an organisation over a bare 哪;
    // 哪几块, 哪几个 ask which ones (a list), not how many. 几乎 and 几近 (almost) and 几何 (geometry) ask nothing.
    private static readonly (Regex Pattern, AnswerKind Kind)[] QuestionWords =
    [
        (new Regex(@"\bwhen\b|什么时候|什么时间|何时|几时|哪几(天|年|日)|哪一?天|哪一?年|哪个月|几月几[日号]|几月份?|几号|几点|何年|哪个时期|哪个朝代|什么年代|哪一?日"), AnswerKind.Date),
        (new Regex(@"(多少|(?<!哪)几)(" + Units + @")|\bhow (many|much)\b|多少钱|(?:多大|多少)(?:岁数|年纪|年龄)|百分之(?:几|多少)|多少|(?<!哪)几(?![乎近何])(?=[\p{IsCJKUnifiedIdeographs}])|多[大高长远重深宽快久]"), AnswerKind.Quantity),
        (new Regex(@"哪些|哪[几两二三四五六七八九十]+(个|家|项|种|位|所|座|块|方面|类|条|件)?"), AnswerKind.List),
        (new Regex(@"\bwho\b|谁|哪一?位(?!置)|哪个人|什么人|何人"), AnswerKind.Person),
        // 哪个国家 asks for a country, but not where 国家 opens a national-level noun (哪个国家重点实验室, 哪个国家级
        // 开发区, 哪个国家森林公园: which State Key Laboratory); nor 哪个市级/省级 (which city-level …).
        (new Regex(@"\bwhere\b|哪里|哪儿|什么地方|何地|何处|在哪|哪个(城市|省份?|国家(?!重点|级|队|公园|标准|一级|二级|自然|森林|地质|湿地|历史文化|非物质|实验室|工程|中心|奖|高新|[0-9A-Z])|地区|县|市|区)(?!级)|哪座城市|哪一?国(?!家)"), AnswerKind.Place),
        (new Regex(@"哪一?家(企业|公司|机构|单位|银行|医院|媒体)?|哪个(部门|单位|机构|公司|企业|组织|学校|大学|团队|球队|俱乐部|政党)|什么(部门|机构|公司|单位|组织)|哪所(学校|大学)?"), AnswerKind.Organization),
        (new Regex(@"为什么|为何|怎么样|怎样|如何|怎么"), AnswerKind.Description),
        // …的职业是什么, …是什么职业, …从事什么职业: 职业 frames what is asked (an occupation, Occupations) and is seldom
        // printed with the answer, so it is part of the question word, not a keyword to match.
        (new Regex(@"职业(?:是|为)什么|(?:什么|何种|哪种)职业"), AnswerKind.Entity),
        // 什么样 (what kind of): 样 is the question word's, not a word the page prints.
        // A noun that opens with a measure word (哪一条约, 哪一部分, 哪一种类) is the noun asked about, not 哪一条 + 约.
        (new Regex(@"\bwhat\b|\bwhich\b|什么样|什么|哪一?(?=部分|部门|部位|种类|类型|位置|场所|场地|项目|首都|家族|条约|条件|条例)|哪一?个|哪一?种|哪一?部|哪一?首|哪一?本|哪一?款|哪一?项|何种|哪一?支|哪一?条|哪一?场|哪一?类|哪(?=\p{IsCJKUnifiedIdeographs})|何"), AnswerKind.Entity),
    ];

    /// <summary>Words a question is made of but which say nothing about its topic.</summary>
    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "的", "了", "是", "在", "有", "和", "与", "及", "或", "等", "对", "为", "被", "把", "从", "到", "向", "以", "于", "其",
        "这", "那", "该", "此", "各", "都", "也", "还", "又", "就", "而", "并", "吗", "呢", "吧", "啊", "呀", "么", "个",
        "多少", "几", "什么", "哪", "哪些", "哪个", "哪里", "谁", "怎么", "怎样", "如何", "为什么", "何时", "时候", "哪儿",
        "可以", "能", "能够", "会", "要", "将", "已", "已经", "曾", "请问", "请", "一下", "告诉", "我", "你", "我们",
        "分别", "一共", "总共", "共", "大约", "约", "呢", "啥", "之", "所", "得", "着", "过", "地", "由", "中", "上", "下",

        // Chat fillers: pointing words, particles and the all-purpose verbs of everyday speech (搞/弄/整 a
        // thing), which a page never prints for what they stand for.
        "那边", "这边", "那块", "这块", "那个", "这个", "那些", "这些", "人家", "到底", "究竟", "听说", "跟", "给", "搞", "弄", "整",
        "呗", "嘛", "啦", "哦", "哈", "的话", "来着", "大概", "差不多",

        // Mixed Chinese/English questions ("What is …的总签约额?"): English function words say nothing either.
        "what", "which", "who", "whom", "when", "where", "why", "how", "many", "much", "is", "are", "was", "were", "the",
        "a", "an", "of", "in", "on", "to", "for", "and", "or", "not", "do", "does", "did", "it", "its", "by", "with",
    };

    [GeneratedRegex("(比例|比重|占比|百分比|增长率|增速|增幅|降幅|涨幅|利率|税率|份额|率)")]
    private static partial Regex PercentCue();

    [GeneratedRegex("(钱|投资|金额|资金|资本|签约额|贸易额|总额|产值|收入|价格|价|费|成本|利润|营收|额|经费|预算|工资|票价|gdp)")]
    private static partial Regex MoneyCue();

    private readonly Analyzer _analyzer = analyzer;

    /// <summary>Analyses a question; never throws on odd input (empty, punctuation, emoji, query syntax).</summary>
    public QuestionAnalysis Analyze(string question)
    {
        var normalized = TextNormalizer.NormalizeQuestion(question);
        var (kind, start, length, unit) = FindQuestionWord(normalized);
        var blanked = start < 0 ? normalized : normalized[..start] + " " + normalized[(start + length)..];
        // 哈 is a chat particle at a clause's end (多谢哈), and elsewhere a name's character SmartCn cuts off on
        // its own (深哈产业园 → 深|哈|产业|园: Shenzhen-Harbin), which a page prints.
        bool particleHa = ParticleHa().IsMatch(normalized);
        var keywords = ChineseAnalysis.Terms(_analyzer, FieldNames.Words, blanked)
            .Where(t => (!StopWords.Contains(t) || (t == "哈" && !particleHa)) && t.Any(char.IsLetterOrDigit))
            .ToList();
        return new QuestionAnalysis(question, normalized, kind, unit, start, length, SplitTitles(keywords).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// A place's name takes the 省 or 市 of a title that follows it (黑龙江省长 → 黑龙江省|长, 哈尔滨市长 →
    /// 哈尔滨市|长), as SmartCn's longest match cuts it: given back to the title, the question asks for 省长 of
    /// 黑龙江, words the page prints (广东省省长马兴瑞), not for 长.
    /// </summary>
    private static IEnumerable<string> SplitTitles(List<string> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (i + 1 < words.Count && word.Length > 2 && word[^1] is '省' or '市' or '县' && words[i + 1].Length == 1 && Reading.SpanFeatures.IsTitle(word[^1] + words[i + 1]))
            {
                yield return word[..^1];
                yield return word[^1] + words[i + 1];
                i++;
                continue;
            }

            yield return word;
        }
    }

    [GeneratedRegex(@"哈+[啊呀哦~～]*(?:$|[\s,，.。!！?？])")]
    private static partial Regex ParticleHa();

    [GeneratedRegex(@"\G的?(?:比例|比重|占比|百分比|份额)")]
    private static partial Regex PercentAfter();

    [GeneratedRegex("叫(?:做)?(?:什么|啥)(?:名字)?|的?(?:名字|姓名)(?:是|叫)?")]
    private static partial Regex NameCue();

    [GeneratedRegex("(额|数|数量|量|率|比例|比重|规模|资本|资金|金额|价格|票价|面积|长度|高度|重量|人口|产量|产值|增速)$")]
    private static partial Regex MeasureNoun();

    /// <summary>Whether a normalised question has a question word (or names the attribute it wants), without analysing its words.</summary>
    internal static bool HasQuestionWord(string normalized) => FindQuestionWord(normalized).Start >= 0;

    private static (AnswerKind Kind, int Start, int Length, string? Unit) FindQuestionWord(string q)
    {
        var found = FindQuestionWordOnly(q);

        // "…的总签约额是什么", "What is …的总签约额": asking what a measure is asks for a quantity.
        if (found.Kind == AnswerKind.Entity)
        {
            // The measure is named before the question word, or after it when the question opens with it.
            var subject = (found.Start < 0 ? q : q[..found.Start]).TrimEnd('是', '为', '的', ' ');
            if (subject.Length == 0 && found.Start >= 0)
            {
                subject = q[(found.Start + found.Length)..].Trim().TrimEnd('是', '为', '的', ' ');
            }

            if (MeasureNoun().IsMatch(subject))
            {
                var unit = PercentCue().IsMatch(subject) ? "%" : MoneyCue().IsMatch(subject) ? "元" : null;
                return (AnswerKind.Quantity, found.Start, found.Length, unit);
            }

            // "What is the 总经理 called" asks who: the name of a person's role or title (广东省长叫什么名字,
            // 深哈产业园的总经理叫啥), so it is read, and refused where no passage names the role, as 谁 is.
            // The cue (叫…, 名字) is part of the question word, not a word of the topic.
            if (found.Start >= 0 && NameCue().Match(q) is { Success: true } cue && Reading.SpanFeatures.IsTitle(subject.TrimEnd('叫', '的', '名', '字', '姓', ' ')))
            {
                int from = Math.Min(found.Start, cue.Index), to = Math.Max(found.Start + found.Length, cue.Index + cue.Length);
                return (AnswerKind.Person, from, to - from, null);
            }
        }

        return found;
    }

    private static (AnswerKind Kind, int Start, int Length, string? Unit) FindQuestionWordOnly(string q)
    {
        foreach (var (pattern, kind) in QuestionWords)
        {
            var m = pattern.Match(q);
            if (!m.Success)
            {
                continue;
            }

            string? unit = null;
            if (kind == AnswerKind.Quantity)
            {
                unit = m.Groups[2].Success && m.Groups[2].Length > 0 ? m.Groups[2].Value : null;
                if (m.Value == "多少钱")
                {
                    unit = "元";
                }
                else if (m.Value.StartsWith("百分之", StringComparison.Ordinal) || unit == "成")
                {
                    // 几成 asks a share in tenths, which pages print as a percentage (75.1%) as often as 七成.
                    unit = "%";
                }
                else if (m.Value.EndsWith("岁数", StringComparison.Ordinal) || m.Value.EndsWith("年纪", StringComparison.Ordinal) || m.Value.EndsWith("年龄", StringComparison.Ordinal))
                {
                    // 多大岁数, 多大年纪: an age, printed with 岁 (a year or a date is not an answer).
                    unit = "岁";
                }
                else if (unit is null && (PercentCue().IsMatch(q[..m.Index]) || PercentAfter().Match(q, m.Index + m.Length).Success))
                {
                    // …的比例是多少, and 占多大比例 / 占多少比重, where the share follows the question word.
                    unit = "%";
                }
                else if (unit is null && MoneyCue().IsMatch(q))
                {
                    unit = "元";
                }
            }

            return (kind, m.Index, m.Length, unit);
        }

        // A search-box query names the attribute it wants at its end instead of asking
        // (对口合作工作方案 发布年份, 阳江机组 类型): the attribute gives the kind.
        var attribute = AttributeAtEnd().Match(q);
        if (attribute.Success)
        {
            var kind = attribute.Groups["date"].Success ? AnswerKind.Date
                : attribute.Groups["quantity"].Success ? AnswerKind.Quantity
                : attribute.Groups["place"].Success ? AnswerKind.Place
                : attribute.Groups["person"].Success ? AnswerKind.Person
                : AnswerKind.Entity;
            return (kind, attribute.Index, attribute.Length, null);
        }

        return (AnswerKind.Entity, -1, 0, null);
    }

    [GeneratedRegex(@"(?:(?<date>年份|年度|日期|时间)|(?<quantity>人数|数量|数目|金额|总额|规模)|(?<place>地点|位置|地址|所在地)|(?<person>负责人|姓名)|(?<entity>名称|全称|类型|种类|类别))[\s?？]*$")]
    private static partial Regex AttributeAtEnd();
}
