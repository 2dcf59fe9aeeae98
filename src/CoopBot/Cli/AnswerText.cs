using CoopBot.Rendering;
using CoopBot.Core;
using System.Text;
using CoopBot.Engine.Answering;

namespace CoopBot.Cli;

/// <summary>An answer for a person at a terminal.</summary>
internal static class AnswerText
{
    public static string Render(Answer answer)
    {
        var sb = new StringBuilder();
        if (answer.Derivation is { } derivation)
        {
            sb.AppendLine($"答案：{answer.Text}（计算得出）");
            sb.AppendLine($"计算：{derivation.Formula}");
            foreach (var o in derivation.Operands)
            {
                var t = o.Passage.Passage.Text;
                int s0 = o.Passage.AnswerStart ?? 0;
                sb.AppendLine();
                sb.AppendLine($"{o.Asked}：“{t[..s0]}【{t.Substring(s0, o.Passage.AnswerLength)}】{t[(s0 + o.Passage.AnswerLength)..]}”");
                sb.AppendLine($"——《{o.Passage.Passage.ArticleTitle}》 {o.Passage.Passage.Url}");
            }
        }
        else if (answer.Answered)
        {
            var first = answer.Passages[0];
            sb.AppendLine($"答案：{answer.Text}");
            sb.AppendLine();
            var text = first.Passage.Text;
            var marked = first.AnswerStart is int s
                ? text[..s] + "【" + text.Substring(s, first.AnswerLength) + "】" + text[(s + first.AnswerLength)..]
                : text;
            sb.AppendLine($"“{marked}”");
            sb.AppendLine($"——《{first.Passage.ArticleTitle}》 {(first.Passage.Published is { } d ? CoopBot.Engine.Ingestion.PublicationDate.Chinese(d) + " " : "")}{first.Passage.Url}");
            if (answer.Dates.Count > 0)
            {
                sb.AppendLine($"日期：{string.Join("；", answer.Dates.Select(d => $"{text.Substring(d.Start, d.Length)}（{d.Absolute}）"))}（{answer.DateBasis!.How}推断）");
            }
            if (answer.OtherFigures.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine($"此数字的范围：{answer.Scope}。文章中还有：");
                foreach (var f in answer.OtherFigures)
                {
                    sb.AppendLine($"- {f.Text}（{f.Scope}）——《{f.Passage.Passage.ArticleTitle}》 {f.Passage.Passage.Url}");
                }
            }

            var more = answer.Passages.Skip(1).Take(2).ToList();
            if (more.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("相关段落：");
                foreach (var p in more)
                {
                    sb.AppendLine($"- {Shorten(p.Passage.Text)} ——《{p.Passage.ArticleTitle}》 {p.Passage.Url}");
                }
            }
        }
        else
        {
            sb.AppendLine(answer.Reason switch
            {
                NoAnswerReason.NothingToSearch => "请输入一个具体的问题，例如：" + CoopBotOptions.DefaultExampleQuestions[0],
                NoAnswerReason.CannotCompute => answer.DerivationProblem + "。",
                NoAnswerReason.TooVague => $"“{answer.Question}”在文章中有几个不同的数字，你想问哪一个？\n" + string.Join("\n", answer.Clarifications.Select(c => "- " + c)),
                _ => "没有在文章中找到这个问题的答案。",
            });
            if (answer.Passages.Count > 0)
            {
                sb.AppendLine();
                sb.AppendLine("最接近的段落：");
                foreach (var p in answer.Passages.Take(3))
                {
                    sb.AppendLine($"- {Shorten(p.Passage.Text)} ——《{p.Passage.ArticleTitle}》 {p.Passage.Url}");
                }
            }
        }

        return sb.ToString();
    }

    private static string Shorten(string text) => Markdown.Shorten(text, 81);
}
