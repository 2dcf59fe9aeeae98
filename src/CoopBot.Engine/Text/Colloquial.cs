namespace CoopBot.Engine.Text;

/// <summary>
/// Everyday and regional Chinese as people type it in a chat, mapped to the written forms newspapers
/// print, applied to questions only: 咱省 → 我省, 俩 → 两, 啥 → 什么, 苞米 → 玉米. Question words among
/// them (啥时候, 咋, 哪儿) then read as their standard forms. Longest forms first.
/// </summary>
public static partial class Colloquial
{
    private static readonly (string From, string To)[] Forms = new (string, string)[]
    {
        // Who is speaking: a reader of a provincial paper says 咱省 for the paper's 我省.
        ("咱们省", "我省"), ("咱省", "我省"), ("俺们省", "我省"), ("俺省", "我省"), ("咱们", "我们"), ("俺们", "我们"), ("咱", "我"), ("俺", "我"),

        // Numbers and question words.
        ("俩", "两"), ("仨", "三"), ("啥时候", "什么时候"), ("啥时", "什么时候"), ("多会儿", "什么时候"), ("多咱", "什么时候"),
        ("干啥", "做什么"), ("为啥", "为什么"), ("凭啥", "为什么"), ("叫啥", "叫什么"), ("是啥", "是什么"), ("啥", "什么"),
        ("咋样", "怎么样"), ("咋办", "怎么办"), ("咋", "怎么"), ("哪儿", "哪里"), ("这儿", "这里"), ("那儿", "那里"), ("名儿", "名字"), ("甚么", "什么"), ("一块儿", "一起"),

        // Time and occasion.
        ("这趟", "这次"), ("那趟", "那次"), ("这回", "这次"), ("那回", "那次"), ("头一年", "第一年"), ("头一回", "第一次"), ("头一次", "第一次"),
        ("眼下", "目前"), ("如今", "目前"),

        // Regional names of everyday things.
        ("苞米", "玉米"), ("苞谷", "玉米"), ("土豆", "马铃薯"), ("洋芋", "马铃薯"), ("地瓜", "甘薯"),
        ("晓得", "知道"), ("咋整", "怎么办"),
    };

    /// <summary>The question with colloquial forms replaced by written ones.</summary>
    public static string ToWritten(string question)
    {
        if (question.Length == 0)
        {
            return question;
        }

        var sb = new System.Text.StringBuilder(question.Length);
        int i = 0;
        while (i < question.Length)
        {
            bool replaced = false;
            foreach (var (from, to) in Forms)
            {
                if (string.CompareOrdinal(question, i, from, 0, from.Length) == 0)
                {
                    sb.Append(to);
                    i += from.Length;
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                sb.Append(question[i++]);
            }
        }

        var written = Conditional().Replace(sb.ToString(), "");
        return LeftOut().Replace(written, "$1除");
    }

    // 不算房地产的话，…: the conditional 的话 closing a clause carries no content (it made 话 a keyword).
    [System.Text.RegularExpressions.GeneratedRegex("的话(?=[，,。？?！!；;]|$)")]
    private static partial System.Text.RegularExpressions.Regex Conditional();

    // Leaving something out is printed 除…外: 不算/不包括/不计 opening a clause are read as the page's 除, a word of
    // the index. (除了 is left alone: read as 除, "除了X，还有哪一项" lost 3 DRCD answers and gained 1.)
    [System.Text.RegularExpressions.GeneratedRegex("(^|[，,。？?！!；;\\s])(?:不算|不包括|不计)")]
    private static partial System.Text.RegularExpressions.Regex LeftOut();
}
