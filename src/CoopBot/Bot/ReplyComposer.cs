using System.Text;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Ingestion;
using CoopBot.Core;
using CoopBot.Rendering;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CoopBot.Bot;

/// <summary>
/// Turns engine answers into chat messages. Citations follow each channel's own format: Teams pairs
/// <c>[n]</c> markers with the schema.org entity; Web Chat pairs them with markdown reference
/// definitions, which it needs in the text.
/// </summary>
public sealed class ReplyComposer(IOptions<CoopBotOptions> options)
{
    /// <summary>The text that asks for more passages.</summary>
    public const string MoreCommand = "更多";

    /// <summary>What opens the line that shows how a follow-up was understood.</summary>
    public const string UnderstoodPrefix = "理解为：";

    /// <summary>How many supporting passages an answer shows after the first.</summary>
    public const int Supporting = 2;

    private readonly CoopBotOptions _options = options.Value;

    /// <summary>The welcome: what CoopBot knows, and how to ask.</summary>
    public IMessageActivity Welcome(int count, IReadOnlyList<Article> newest)
    {
        var sb = new StringBuilder();
        sb.Append("你好！我是 CoopBot，回答关于黑龙江与广东对口合作新闻报道的问题。每个回答都引用原文，并附上原文链接。\n\n");
        sb.Append($"我读过 {count} 篇文章：");
        sb.Append(string.Join("、", newest.Take(8).Select(a => "《" + Markdown.Escape(a.Title) + "》")));
        sb.Append(count > 8 ? "等。" : "。");
        return MarkdownMessage(sb.ToString());
    }

    /// <summary>What CoopBot can do.</summary>
    public IMessageActivity Help() => MarkdownMessage(
        "用中文直接提问，我会在文章里找到答案，给出简短答案、引用原文段落并附上链接。\n\n" +
        "- 例如：" + string.Join("；", _options.ExampleQuestions.Take(2).Select(Markdown.Escape)) + "\n" +
        $"- 发送“{MoreCommand}”查看上一个问题的更多相关段落\n" +
        "- 发送“帮助”再次查看本说明\n\n" +
        "文章里没有的内容，我会直说没有找到，并给出最接近的段落，不会编造。");

    /// <summary>A short friendly reply to a greeting, thanks, a farewell or "who are you": never a passage.</summary>
    public IMessageActivity SmallTalk(CoopBot.Engine.Text.SmallTalkKind kind) => Suggestions(
        kind switch
        {
            CoopBot.Engine.Text.SmallTalkKind.Thanks => "不客气！还有别的问题，随时问我。",
            CoopBot.Engine.Text.SmallTalkKind.Farewell => "再见！有问题随时再来问我。",
            CoopBot.Engine.Text.SmallTalkKind.WhoAreYou => "我是 CoopBot，读过黑龙江与广东对口合作的新闻报道，可以用报道原文回答你的问题，并附上出处链接。可以试试这些问题：",
            _ => "你好！我在。想了解黑龙江与广东对口合作的哪方面？可以试试这些问题：",
        },
        _options.ExampleQuestions.Take(3));

    /// <summary>A short message that carries suggested questions as buttons (kept apart: Teams shows such messages as plain text).</summary>
    public IMessageActivity Suggestions(string text, IEnumerable<string> questions)
    {
        var message = Activity.CreateMessageActivity();
        message.Text = text;
        message.SuggestedActions = new SuggestedActions
        {
            Actions = questions.Distinct().Take(4).Select(q => new CardAction(ActionTypes.ImBack, q, value: q)).ToList(),
        };
        return message;
    }

    /// <summary>The complete questions offered for a vague one, as buttons.</summary>
    public IMessageActivity Clarify(Answer answer) => Suggestions("可以这样问：", answer.Clarifications);

    /// <summary>Suggestions after 更多: 更多 again while passages remain, and other questions.</summary>
    public IMessageActivity AfterMore(string question, bool moreLeft) =>
        Suggestions("还可以：", (moreLeft ? new[] { MoreCommand } : []).Concat(_options.ExampleQuestions.Where(q => q != question).Take(2)));

    /// <summary>Follow-up suggestions after an answer to <paramref name="question"/>.</summary>
    public IMessageActivity FollowUps(string question) =>
        Suggestions("还可以：", new[] { MoreCommand }.Concat(_options.ExampleQuestions.Where(q => q != question).Take(2)));

    /// <summary>The answer message (or the not-found message with the closest passages).</summary>
    /// <param name="answer">The engine's answer.</param>
    /// <param name="channelId">The channel, for its citation format.</param>
    /// <param name="baseUrl">Where the article pages are served.</param>
    /// <param name="understood">How a follow-up was read with the earlier question, shown first so a wrong reading is visible; null for a question that stood alone.</param>
    public IMessageActivity Answer(Answer answer, string channelId, string baseUrl, string? understood = null)
    {
        var sb = new StringBuilder();
        var cited = new List<QuotedPassage>();
        if (understood is not null)
        {
            sb.Append(Markdown.Escape(UnderstoodPrefix + understood)).Append("\n\n");
        }

        if (answer.Derivation is { } derivation)
        {
            // Computed, not quoted: the result, the formula with both figures, and each figure in its passage with its link.
            sb.Append(Markdown.Bold(answer.Text!)).Append("\n\n");
            sb.Append(Markdown.Escape("计算：" + derivation.Formula)).Append("\n\n");
            foreach (var o in derivation.Operands)
            {
                sb.Append(Markdown.Escape(o.Asked + "："));
                AppendQuote(sb, o.Passage, o.Figure, [], Cite(cited, o.Passage), baseUrl);
            }

            return WithCitations(sb, cited, null, channelId, baseUrl);
        }

        if (answer.Reason == NoAnswerReason.CannotCompute)
        {
            sb.Append(Markdown.Escape(answer.DerivationProblem + "。")).Append(answer.Passages.Count > 0 ? "找到的数字：\n\n" : "");
            foreach (var p in answer.Passages)
            {
                cited.Add(p);
                AppendCited(sb, Markdown.Shorten(p.Passage.Text, 80), cited.Count, channelId);
            }

            return WithCitations(sb, cited, null, channelId, baseUrl);
        }

        if (answer.Reason == NoAnswerReason.TooVague)
        {
            // The candidates come as suggested actions in a message of their own (see Clarify).
            sb.Append(Markdown.Escape($"“{Markdown.Shorten(answer.Question, 20)}”在文章中对应几个不同的数字，你想问的是哪一个？请点选下面的问题，或把问题问得更具体些。"));
            return MarkdownMessage(sb.ToString());
        }

        if (answer.Reason == NoAnswerReason.NoSuchItem)
        {
            sb.Append("上一个回答不是一组并列的答案，或没有这么多项。上一个问题的段落：\n\n");
            foreach (var p in answer.Passages.Take(1))
            {
                cited.Add(p);
                AppendCited(sb, Markdown.Shorten(p.Passage.Text, 60), cited.Count, channelId);
            }
        }
        else if (answer.Answered)
        {
            sb.Append(Markdown.Bold(answer.Text!)).Append("\n\n");
            AppendQuote(sb, answer.Passages[0], answer.Text!, answer.Dates, Cite(cited, answer.Passages[0]), baseUrl);
            if (answer.Dates.Count > 0 && answer.DateBasis is { } basis)
            {
                sb.Append(Markdown.Escape($"括号中的日期由文中的相对日期推断（{basis.How}）。")).Append("\n\n");
            }

            if (answer.OtherFigures.Count > 0)
            {
                // Other figures of the same measure, one short line each with its scope and source.
                sb.Append(Markdown.Escape($"这是{answer.Scope}的数字。文章中还有：")).Append("\n\n");
                foreach (var f in answer.OtherFigures)
                {
                    AppendLine(sb, Markdown.Bold(f.Text) + Markdown.Escape($"（{f.Scope}）《{Markdown.Shorten(f.Passage.Passage.ArticleTitle, 30)}》"), Cite(cited, f.Passage), channelId);
                }

                // A blank line ends Web Chat's list, so what follows is not read as part of its last item.
                sb.Append(IsTeams(channelId) ? "" : "\n");
            }

            var more = answer.Passages.Skip(1).Take(Supporting).Where(p => !cited.Any(c => c.Passage.Id == p.Passage.Id)).ToList();
            if (more.Count > 0)
            {
                sb.Append("相关段落：\n\n");
                foreach (var p in more)
                {
                    cited.Add(p);
                    AppendCited(sb, Markdown.Shorten(p.Passage.Text, 60), cited.Count, channelId);
                }
            }
        }
        else if (answer.Reason == NoAnswerReason.NothingToSearch || answer.Passages.Count == 0)
        {
            sb.Append("没有在文章中找到可以回答这个问题的内容。请换一个具体的问题，例如：")
              .Append(Markdown.Escape(_options.ExampleQuestion));
        }
        else
        {
            sb.Append("没有在文章中找到这个问题的答案。最接近的段落：\n\n");
            foreach (var p in answer.Passages.Take(1 + Supporting))
            {
                cited.Add(p);
                AppendCited(sb, Markdown.Shorten(p.Passage.Text, 60), cited.Count, channelId);
            }
        }

        return WithCitations(sb, cited, answer.Text, channelId, baseUrl);
    }

    /// <summary>Passages <paramref name="from"/> onwards of an answer, for 更多/more.</summary>
    public IMessageActivity More(Answer answer, int from, int count, string channelId, string baseUrl)
    {
        var page = answer.Passages.Skip(from).Take(count).ToList();
        if (page.Count == 0)
        {
            return MarkdownMessage("关于这个问题，没有更多相关段落了。");
        }

        var sb = new StringBuilder();
        sb.Append("“").Append(Markdown.Escape(Markdown.Shorten(answer.Question, 40))).Append("”的更多相关段落：\n\n");
        for (int i = 0; i < page.Count; i++)
        {
            AppendCited(sb, Markdown.Shorten(page[i].Passage.Text, 80), i + 1, channelId);
        }

        return WithCitations(sb, page, null, channelId, baseUrl);
    }

    /// <summary>The link to a passage in its article page, marking the answer there.</summary>
    public static string LinkTo(QuotedPassage p, string? answerText, string baseUrl)
    {
        var query = "?p=" + Uri.EscapeDataString(p.Passage.Id) + (p.AnswerStart is not null && answerText is not null ? "&a=" + Uri.EscapeDataString(answerText) : "");
        return $"{baseUrl}/articles/{Uri.EscapeDataString(p.Passage.ArticleId)}{query}#{p.Passage.Id}";
    }

    private IMessageActivity WithCitations(StringBuilder sb, List<QuotedPassage> cited, string? answerText, string channelId, string baseUrl)
    {
        var claims = cited.Select((p, i) => new CitationEntity.Claim(
            i + 1,
            new CitationEntity.Document(Markdown.Shorten(p.Passage.ArticleTitle, 80), Markdown.Shorten(p.Passage.Text, 160), LinkTo(p, i == 0 ? answerText : null, baseUrl)))).ToList();

        if (claims.Count > 0 && !IsTeams(channelId))
        {
            // Web Chat turns [n] into a citation when a reference definition with that label follows.
            sb.Append('\n');
            foreach (var c in claims)
            {
                sb.Append($"[{c.Position}]: {c.Appearance.Url} \"{c.Appearance.Name.Replace("\"", "'", StringComparison.Ordinal)}\"\n");
            }
        }

        var message = MarkdownMessage(sb.ToString().TrimEnd());
        if (claims.Count > 0)
        {
            message.Entities = [new CitationEntity(claims)];
        }

        if (IsTeams(channelId))
        {
            // Thumbs up/down under the answer; votes come back as message/submitAction invokes.
            message.ChannelData = new JObject { ["feedbackLoop"] = new JObject { ["type"] = "default" } };
        }

        return message;
    }

    /// <summary>
    /// One cited passage: a list item in Web Chat; in Teams a paragraph of its own, because Teams
    /// turns a <c>[n]</c> marker into a citation pill only inside a paragraph, never in a list item.
    /// </summary>
    private static void AppendCited(StringBuilder sb, string text, int position, string channelId) =>
        AppendLine(sb, Markdown.Escape(text), position, channelId);

    /// <summary>A line of markdown with its citation marker, in each channel's form (see <see cref="AppendCited"/>).</summary>
    private static void AppendLine(StringBuilder sb, string markdown, int position, string channelId)
    {
        if (IsTeams(channelId))
        {
            sb.Append("· ").Append(markdown).Append($"[{position}]\n\n");
        }
        else
        {
            sb.Append("- ").Append(markdown).Append($"[{position}]\n");
        }
    }

    /// <summary>The citation number of <paramref name="passage"/>: its number when it is cited already, else the next one.</summary>
    private static int Cite(List<QuotedPassage> cited, QuotedPassage passage)
    {
        int position = cited.FindIndex(c => c.Passage.Id == passage.Passage.Id) + 1;
        if (position == 0)
        {
            cited.Add(passage);
            position = cited.Count;
        }

        return position;
    }

    /// <summary>
    /// A passage quoted whole with the figure or answer in it in bold and its citation marker, then its
    /// article and a link that marks <paramref name="marked"/> there; relative dates in it are followed
    /// by their absolute dates (今年5月份（2021年5月）).
    /// </summary>
    private static void AppendQuote(StringBuilder sb, QuotedPassage quoted, string marked, IReadOnlyList<ResolvedDate> dates, int position, string baseUrl)
    {
        var text = quoted.Passage.Text;
        int s = quoted.AnswerStart!.Value, e = s + quoted.AnswerLength;
        sb.Append('“').Append(Markdown.BoldInContext(Dated(text, 0, s, dates), text[s..e], Dated(text, e, text.Length, dates))).Append($"”[{position}]\n\n");
        sb.Append("——《").Append(Markdown.Escape(quoted.Passage.ArticleTitle)).Append("》 ").Append(PublishedText(quoted.Passage))
          .Append(Markdown.Link("查看原文", LinkTo(quoted, marked, baseUrl))).Append("\n\n");
    }

    /// <summary>The publication date as cited after the title (2021年9月13日 ), or nothing when unknown.</summary>
    internal static string PublishedText(CoopBot.Engine.Ingestion.Passage passage) =>
        passage.Published is { } d ? CoopBot.Engine.Ingestion.PublicationDate.Chinese(d) + " " : "";

    /// <summary>text[from..to] with each relative date that lies wholly inside followed by its absolute date.</summary>
    private static string Dated(string text, int from, int to, IReadOnlyList<ResolvedDate> dates)
    {
        var sb = new StringBuilder();
        int at = from;
        foreach (var d in dates.Where(d => d.Start >= from && d.Start + d.Length <= to).OrderBy(d => d.Start))
        {
            sb.Append(text, at, d.Start + d.Length - at).Append('（').Append(d.Absolute).Append('）');
            at = d.Start + d.Length;
        }

        return sb.Append(text, at, to - at).ToString();
    }

    private static bool IsTeams(string channelId) => string.Equals(channelId, "msteams", StringComparison.OrdinalIgnoreCase);

    private static IMessageActivity MarkdownMessage(string text)
    {
        var message = Activity.CreateMessageActivity();
        message.Text = text;
        message.TextFormat = TextFormatTypes.Markdown;
        return message;
    }
}
