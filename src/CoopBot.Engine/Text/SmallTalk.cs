namespace CoopBot.Engine.Text;

/// <summary>What a message that is not a question says.</summary>
public enum SmallTalkKind
{
    /// <summary>Not small talk: a question (or something to search for).</summary>
    None,

    /// <summary>你好, 在吗, hello.</summary>
    Greeting,

    /// <summary>谢谢, 辛苦了, thanks.</summary>
    Thanks,

    /// <summary>再见, 拜拜.</summary>
    Farewell,

    /// <summary>你是谁, 你能做什么.</summary>
    WhoAreYou,
}

/// <summary>
/// Recognises greetings, thanks, farewells and "who are you" so that they get a short friendly
/// reply, never a passage: a message is small talk when, once those phrases and chat filler
/// (想问点事, 哈, 呀) are taken out, nothing is left to ask about.
/// </summary>
public static class SmallTalk
{
    private static readonly (string Phrase, SmallTalkKind Kind)[] Phrases =
    [
        ("你是谁", SmallTalkKind.WhoAreYou), ("你是什么", SmallTalkKind.WhoAreYou), ("你能做什么", SmallTalkKind.WhoAreYou), ("你会什么", SmallTalkKind.WhoAreYou),
        ("你能干什么", SmallTalkKind.WhoAreYou), ("你可以做什么", SmallTalkKind.WhoAreYou), ("你会干什么", SmallTalkKind.WhoAreYou), ("你会做什么", SmallTalkKind.WhoAreYou),
        ("你都知道些什么", SmallTalkKind.WhoAreYou), ("你知道些什么", SmallTalkKind.WhoAreYou), ("你都知道什么", SmallTalkKind.WhoAreYou), ("你知道什么", SmallTalkKind.WhoAreYou),
        ("你懂什么", SmallTalkKind.WhoAreYou), ("你有什么用", SmallTalkKind.WhoAreYou), ("能帮我做什么", SmallTalkKind.WhoAreYou), ("你能帮我什么", SmallTalkKind.WhoAreYou),
        ("what can you do", SmallTalkKind.WhoAreYou), ("介绍一下你自己", SmallTalkKind.WhoAreYou), ("who are you", SmallTalkKind.WhoAreYou),
        ("非常感谢", SmallTalkKind.Thanks), ("谢谢", SmallTalkKind.Thanks), ("多谢", SmallTalkKind.Thanks), ("感谢", SmallTalkKind.Thanks), ("辛苦了", SmallTalkKind.Thanks),
        ("辛苦", SmallTalkKind.Thanks), ("谢了", SmallTalkKind.Thanks), ("谢啦", SmallTalkKind.Thanks), ("3q", SmallTalkKind.Thanks), ("thanks", SmallTalkKind.Thanks), ("thank you", SmallTalkKind.Thanks), ("thx", SmallTalkKind.Thanks), ("好的", SmallTalkKind.Thanks), ("明白了", SmallTalkKind.Thanks),
        ("再见", SmallTalkKind.Farewell), ("拜拜", SmallTalkKind.Farewell), ("回头见", SmallTalkKind.Farewell), ("下次见", SmallTalkKind.Farewell), ("再会", SmallTalkKind.Farewell), ("晚安", SmallTalkKind.Farewell), ("bye", SmallTalkKind.Farewell),
        ("你好", SmallTalkKind.Greeting), ("您好", SmallTalkKind.Greeting), ("你们好", SmallTalkKind.Greeting), ("大家好", SmallTalkKind.Greeting), ("早上好", SmallTalkKind.Greeting),
        ("上午好", SmallTalkKind.Greeting), ("下午好", SmallTalkKind.Greeting), ("晚上好", SmallTalkKind.Greeting), ("早安", SmallTalkKind.Greeting), ("午安", SmallTalkKind.Greeting), ("早啊", SmallTalkKind.Greeting), ("在吗", SmallTalkKind.Greeting),
        ("在不在", SmallTalkKind.Greeting), ("有人吗", SmallTalkKind.Greeting), ("哈喽", SmallTalkKind.Greeting), ("嗨", SmallTalkKind.Greeting), ("hello", SmallTalkKind.Greeting),
        ("hi", SmallTalkKind.Greeting), ("hey", SmallTalkKind.Greeting),
    ];

    /// <summary>Chat filler that asks nothing by itself.</summary>
    private static readonly string[] Filler =
    [
        "想问点事", "想问个事", "问点事", "问个事", "想问一下", "想问问", "问一下", "请问", "我想问", "想请教", "请教", "打扰了", "打扰",
        "你", "您", "啊", "呀", "哈", "哦", "噢", "嗯", "呢", "吧", "啦", "嘛", "哇", "了", "的", "们", "一下", "小", "机器人", "coopbot", "bot",
    ];

    /// <summary>What <paramref name="message"/> is, if small talk.</summary>
    public static SmallTalkKind Classify(string message)
    {
        // Read in the written, Simplified form: 啥 → 什么, Traditional 謝謝 → 谢谢.
        var written = Colloquial.ToWritten(ChineseConverter.TraditionalToSimplified.Convert(message ?? ""));
        var text = new string(written.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c == ' ').ToArray()).Trim();
        if (text.Length == 0 || text.Length > 24)
        {
            return SmallTalkKind.None;
        }

        var kind = SmallTalkKind.None;
        foreach (var (phrase, k) in Phrases)
        {
            int at = phrase.All(char.IsAsciiLetter) ? WordIndex(text, phrase) : text.IndexOf(phrase, StringComparison.Ordinal);
            if (at >= 0)
            {
                kind = kind == SmallTalkKind.None ? k : kind;
                text = text.Remove(at, phrase.Length);
            }
        }

        if (kind == SmallTalkKind.None)
        {
            return kind;
        }

        foreach (var f in Filler)
        {
            text = text.Replace(f, "", StringComparison.Ordinal);
        }

        return text.Trim().Length == 0 ? kind : SmallTalkKind.None;
    }

    /// <summary>Where an English word stands in the text as a whole word, or -1.</summary>
    private static int WordIndex(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            bool startOk = at == 0 || !char.IsAsciiLetter(text[at - 1]);
            bool endOk = at + word.Length == text.Length || !char.IsAsciiLetter(text[at + word.Length]);
            if (startOk && endOk)
            {
                return at;
            }
        }

        return -1;
    }
}
