using System.Text.RegularExpressions;
using CoopBot.Engine.Reading;
using CoopBot.Engine.Retrieval;
using CoopBot.Engine.Text;

namespace CoopBot.Engine.Answering;

/// <summary>What a conversation remembers of its last question, for the next one to refer to.</summary>
/// <param name="Question">The question as it was understood (a follow-up already resolved).</param>
/// <param name="Answer">Its short answer, or null when it was not answered.</param>
public sealed record PreviousTurn(string Question, string? Answer);

/// <summary>An answer in a conversation: the engine's answer, and how the message was understood.</summary>
/// <param name="Answer">The answer.</param>
/// <param name="Understood">The question the message was read as, when it was read with the earlier one (理解为); null when it stood alone.</param>
/// <param name="Asked">The question the engine was asked (for 更多 and for the next follow-up).</param>
public sealed record ConversationAnswer(Answer Answer, string? Understood, string Asked)
{
    /// <summary>What the next message may refer to.</summary>
    public PreviousTurn Turn => new(Asked, Answer.Answered ? Answer.Text : null);
}

/// <summary>
/// Reads a chat message with the question before it: 他们是哪年去的？, 这个项目在哪？, 第二个呢？,
/// 那2019年呢？ and 在哪里？ say little alone, and mean the earlier question's subject, its answer, or
/// the earlier question with one thing changed. A message that names its own topic starts fresh.
/// The rules are about how Chinese refers back (pronouns, a demonstrative opening the sentence, an
/// elliptical 呢, an ordinal, a bare question word), not about any article.
/// </summary>
public sealed partial class FollowUps(QaEngine engine)
{
    // 他们/她们/它们/他/她/它, not inside 其他/吉他; 其 as a pronoun, not in 其他/其中/尤其/极其/及其.
    [GeneratedRegex("(他们|她们|它们|(?<![其吉])他|她|它|(?<![尤极及与])其(?![他中余实次]))")]
    private static partial Regex Pronoun();

    // A demonstrative with its measure word opening the sentence: 这个项目…, 该公司…, 那家企业…. A bare
    // 那 opening a question is "then" (那广东来了多少人), and 这些年 is "in recent years": not references.
    [GeneratedRegex("^(?:那么?|还有)?(此后|之后|随后|那次|那天|那年|当时|当天|这个|那个|这家|那家|这项|那项|这位|那位|这所|那所|这座|那座|这些|那些|这里|那里|该|此)(?=[\u4e00-\u9fff])(?<!(?:这些|那些)(?=[年天月]))")]
    private static partial Regex OpeningDemonstrative();

    // 第二个呢, 第3项是什么, 那第一个呢.
    [GeneratedRegex("^(?:那么?)?第(?<n>[一二三四五六七八九十百千万两零\\d]+)(?:个|项|家|条|位|种|所|座|处|批|点)?(?:呢|是什么|是哪个|是谁|是哪里|是啥|是哪家|是哪项)?$")]
    private static partial Regex Ordinal();

    // 那2019年呢, 广东呢, 还有深圳呢: one thing changed, the rest as before.
    [GeneratedRegex("^(?:那么?|还有|换成|如果是)?(?<x>.+?)(?:的)?呢$")]
    private static partial Regex Elliptical();

    [GeneratedRegex("\\d+(?:\\.\\d+)?(?:年|月|日|号)(?:\\d+(?:月|日|号))*")]
    private static partial Regex DateOrYear();

    // Another measure of the same thing: 总投资, 注册资本金, 签约额, 人数, 比例.
    [GeneratedRegex("(额|资|金|数|量|率|比例|比重|规模|面积|价|费|产值|收入|利润|成本)$")]
    private static partial Regex Measure();

    /// <summary>Longest message that may be a bare question word asked of the earlier question (在哪里？ 是哪天签的？).</summary>
    private const int MaxBareLength = 12;

    private static readonly HashSet<string> Temporal = new(StringComparer.Ordinal) { "此后", "之后", "随后", "那次", "那天", "那年", "当时", "当天" };

    /// <summary>Answers <paramref name="message"/>, read with <paramref name="previous"/> when it refers to it.</summary>
    public ConversationAnswer Ask(string message, PreviousTurn? previous)
    {
        message ??= "";
        if (previous is null || SmallTalk.Classify(message) != SmallTalkKind.None)
        {
            return Alone(message);
        }

        // Most messages stand alone: look for a reference with the cheap patterns first, and analyse
        // the message and the earlier question (SmartCn, twice) only when one is there.
        var normalized = TextNormalizer.NormalizeQuestion(message);
        bool mayRefer = Ordinal().IsMatch(normalized) || Pronoun().IsMatch(normalized) || OpeningDemonstrative().IsMatch(normalized)
            || normalized.Length <= MaxBareLength || (!QuestionAnalyzer.HasQuestionWord(normalized) && Elliptical().IsMatch(normalized));
        if (!mayRefer)
        {
            return Alone(message);
        }

        var q = engine.Analyze(message);
        var p = engine.Analyze(previous.Question);
        var text = q.Normalized;

        if (Ordinal().Match(text) is { Success: true } ordinal)
        {
            // 第一百个呢, 第0个呢: no list holds such an item; said, not guessed.
            var label = ordinal.Groups["n"].Value;
            return Item(previous, ChineseNumerals.Value(label) is int n and > 0 ? n : int.MaxValue, label);
        }

        string? understood = null;
        if (q.WhStart < 0 && Elliptical().Match(text) is { Success: true } elliptical && elliptical.Groups["x"].Value.Any(char.IsLetterOrDigit))
        {
            understood = Substitute(p, elliptical.Groups["x"].Value);
        }
        else if (Pronoun().Match(text) is { Success: true } pronoun)
        {
            understood = Refer(text, pronoun.Index, pronoun.Length, p, previous, personal: true);
        }
        else if (OpeningDemonstrative().Match(text) is { Success: true } demonstrative
            && !(Temporal.Contains(demonstrative.Groups[1].Value) && Telling(q, demonstrative.Groups[1].Value)))
        {
            var group = demonstrative.Groups[1];

            // A time (此后, 当时, 那次) is kept, with the earlier question's setting before it: it says
            // when. (A message that names its own topic after it, 此后新生成合作项目多少个, stands alone:
            // the earlier setting would pull the answer back to the earlier event.)
            understood = Temporal.Contains(group.Value)
                ? Setting(p) + "，" + text[group.Index..]
                : Refer(text, group.Index, group.Length, p, previous, personal: false);
        }
        else if (q.WhStart >= 0 && !Telling(q))
        {
            // 在哪里？ 是哪一年？ 多少钱？: a question word and nothing to ask it of.
            understood = Subject(p, previous) + text;
        }

        // Nothing asked besides the reference (他, 这个): there is no question to read with the earlier one.
        if (understood is null || understood == text || !HasContentBeyondReference(text))
        {
            return Alone(message);
        }

        var resolved = engine.Ask(understood);
        if (q.Keywords.Count > 0 && (!resolved.Answered || resolved.Text == previous.Answer))
        {
            // Read with the earlier question it finds nothing, or only the earlier answer again (a
            // follow-up asks for something new: the earlier setting pulled it back to the earlier
            // event). The message may still stand alone.
            var alone = engine.Ask(message);
            if (alone.Answered && alone.Text != previous.Answer)
            {
                return new ConversationAnswer(alone, null, message);
            }
        }

        // What the next message may refer to: this reading when it found an answer; otherwise the
        // earlier question still (a failed reading is no context to build the next one on).
        return new ConversationAnswer(resolved with { Question = message }, understood, resolved.Answered ? understood : previous.Question);
    }

    /// <summary>Whether the message says anything besides a pronoun, a demonstrative and 呢 (letters or digits left once they go).</summary>
    private static bool HasContentBeyondReference(string text)
    {
        var rest = Pronoun().Replace(text, "");
        rest = OpeningDemonstrative().Replace(rest, "");
        return rest.Replace("呢", "", StringComparison.Ordinal).Replace("那", "", StringComparison.Ordinal).Any(char.IsLetterOrDigit);
    }

    private ConversationAnswer Alone(string message) => new(engine.Ask(message), null, message);

    /// <summary>
    /// Whether the question names something of its own to ask about: a noun or name more telling than
    /// the commonest words (是哪天签的 has only a verb, and a single character rarely names a topic; 比例是多少 names a measure).
    /// </summary>
    private static bool Telling(QuestionAnalysis q, string? besides = null) =>
        q.Keywords.Any(k => k.Length > 1 && k != besides && !Synonyms.Shared.IsVerb(k) && WordWeights.Shared.Weight(k) > 1.0);

    /// <summary>
    /// The message with the reference at <paramref name="at"/> replaced: by the earlier answer when
    /// that answer is a name or a thing (他 → 马兴瑞, 这个项目 → 科创总部项目), otherwise by what the
    /// earlier question asked about, with that question's setting in front (他们 → 干部, after
    /// 有多少名干部赴广东学习培训).
    /// </summary>
    private static string Refer(string text, int at, int length, QuestionAnalysis p, PreviousTurn previous, bool personal)
    {
        string rest = text[(at + length)..];
        string before = text[..at].TrimStart('那', '么');
        if (IsThing(previous.Answer))
        {
            // 这个项目 after 科创总部项目: the noun the demonstrative carries is already in the answer.
            var noun = LeadingNoun(rest, previous.Answer!);
            return before + previous.Answer + rest[noun..];
        }

        var head = RefusalFeatures.Head(p, WordWeights.Shared.Of(p.Keywords));
        var setting = Setting(p);
        // The subject once: 干部赴广东学习培训，是哪年去的 rather than …，干部是哪年去的.
        string subject = personal && head is not null && !setting.Contains(head, StringComparison.Ordinal) ? head : "";
        return setting + "，" + before + subject + rest;
    }

    /// <summary>The earlier turn's answer when it is a thing, otherwise the earlier question's setting: what a bare question word is asked of.</summary>
    private static string Subject(QuestionAnalysis p, PreviousTurn previous) =>
        IsThing(previous.Answer) ? previous.Answer! : Setting(p) + "，";

    /// <summary>The earlier question without its question word: 有多少名干部赴广东学习培训 → 干部赴广东学习培训.</summary>
    private static string Setting(QuestionAnalysis p)
    {
        var s = p.WhStart < 0 ? p.Normalized : p.Normalized[..p.WhStart] + p.Normalized[(p.WhStart + p.WhLength)..];
        s = s.Trim();
        if (s.StartsWith('有'))
        {
            s = s[1..];
        }

        return s.TrimEnd('是', '为', '的', '有', '了', ' ', '，', ',');
    }

    /// <summary>
    /// The earlier question with one thing changed (那2019年呢 after …2020年…): the date, the name or
    /// the word of the same kind as <paramref name="x"/> is replaced; with none, <paramref name="x"/>
    /// is added to it as a further condition.
    /// </summary>
    private static string Substitute(QuestionAnalysis p, string x)
    {
        var question = p.Normalized;
        if (DateOrYear().IsMatch(x) && DateOrYear().Match(question) is { Success: true } date)
        {
            return question[..date.Index] + x + question[(date.Index + date.Length)..];
        }

        // After a figure, another measure of the same thing (注册企业有多少家？ 注册资本金呢？): the
        // same setting, that measure asked.
        if (p.Kind == AnswerKind.Quantity && Measure().IsMatch(x))
        {
            return Setting(p) + "的" + x + "是多少";
        }

        // A place, body or person for one of the same kind (广东 for 黑龙江, 深圳市 for 哈尔滨市), else
        // a word for one with the same last character (研究所 for 研究院).
        bool xName = Synonyms.Shared.IsProperNoun(x) || HasKindSuffix(x) && Synonyms.Shared.IsName(x);
        foreach (var k in p.Keywords.OrderByDescending(k => k.Length))
        {
            bool sameKind = xName
                ? Synonyms.Shared.IsProperNoun(k) && (x[^1] == k[^1] || !HasKindSuffix(x) || !HasKindSuffix(k))
                : x.Length > 1 && k.Length > 1 && x[^1] == k[^1];
            if (sameKind && k != x && question.Contains(k, StringComparison.Ordinal))
            {
                int at = question.IndexOf(k, StringComparison.Ordinal);
                return question[..at] + x + question[(at + k.Length)..];
            }
        }

        if (p.Kind == AnswerKind.Quantity)
        {
            return Setting(p) + "的" + x + "是多少";
        }

        // Otherwise a further condition, placed before the question word.
        return p.WhStart < 0 ? x + question : question[..p.WhStart] + x + "的" + question[p.WhStart..];
    }

    private static bool HasKindSuffix(string name) => "省市县区国州".Contains(name[^1]);

    /// <summary>Item <paramref name="n"/> (as typed: <paramref name="label"/>) of the earlier answer when it was a list (哪些…: A、B、C).</summary>
    private ConversationAnswer Item(PreviousTurn previous, int n, string label)
    {
        var answer = engine.Ask(previous.Question);
        string understood = $"{previous.Question}（第{label}项）";
        if (!answer.Answered)
        {
            return new ConversationAnswer(answer with { Question = understood }, understood, previous.Question);
        }

        var first = answer.Passages[0];
        int start = first.AnswerStart!.Value;
        var items = ListItems(answer.Text!);
        if (n > items.Count)
        {
            // Not a list, or a shorter one: say so with the answer as it was, not a guess.
            return new ConversationAnswer(answer with { Question = understood, Answered = false, Text = null, Reason = NoAnswerReason.NoSuchItem }, understood, previous.Question);
        }

        var (offset, length) = items[n - 1];
        var passages = answer.Passages.Select((x, i) => i == 0 ? x with { AnswerStart = start + offset, AnswerLength = length } : x).ToList();
        return new ConversationAnswer(new Answer(understood, true, answer.Text!.Substring(offset, length), passages, NoAnswerReason.None), understood, previous.Question);
    }

    /// <summary>The items of a list answer (A、B和C), as offsets in it; one item when it is not a list.</summary>
    internal static List<(int Offset, int Length)> ListItems(string text)
    {
        var items = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '、' or ',' or '，' or ';' or '；' || (text[i] is '和' or '及' && i > start + 1 && i < text.Length - 2))
            {
                if (i > start)
                {
                    items.Add((start, i - start));
                }

                start = i + 1;
            }
        }

        // The last item stops at 等 (…现代服务业等多领域, …建设等): what follows sums up, it is no item.
        if (items.Count > 1 && items[^1] is var (lastStart, lastLength) && text.LastIndexOf('等', lastStart + lastLength - 1, lastLength) is int cut and > 0 && cut > lastStart)
        {
            items[^1] = (lastStart, cut - lastStart);
        }

        return items;
    }

    /// <summary>Whether an answer names a thing (科创总部项目, 马兴瑞) rather than a figure or a date, so a pronoun can stand for it.</summary>
    private static bool IsThing(string? answer) =>
        !string.IsNullOrEmpty(answer) && !answer.Any(char.IsDigit) && !answer.Contains('、') && answer.Length <= 20;

    /// <summary>How many characters of <paramref name="rest"/> open with a noun the answer already ends with (项目 of 这个项目 after 科创总部项目).</summary>
    private static int LeadingNoun(string rest, string answer)
    {
        for (int k = Math.Min(rest.Length, 4); k >= 1; k--)
        {
            if (answer.EndsWith(rest[..k], StringComparison.Ordinal))
            {
                return k;
            }
        }

        return 0;
    }
}
