namespace CoopBot.Engine.Retrieval;

/// <summary>The kind of short answer a question asks for.</summary>
public enum AnswerKind
{
    /// <summary>A number, with or without a unit (<c>多少</c>, <c>几</c>).</summary>
    Quantity,

    /// <summary>A date or time (<c>什么时候</c>, <c>哪天</c>, <c>哪一年</c>).</summary>
    Date,

    /// <summary>A person (<c>谁</c>).</summary>
    Person,

    /// <summary>A place (<c>哪里</c>).</summary>
    Place,

    /// <summary>An organisation (<c>哪家企业</c>, <c>哪个部门</c>).</summary>
    Organization,

    /// <summary>Several things (<c>哪些</c>).</summary>
    List,

    /// <summary>Any other thing named in the text (<c>什么</c>, <c>哪个</c>).</summary>
    Entity,

    /// <summary>A manner or reason (<c>如何</c>, <c>为什么</c>): answered by the passage itself.</summary>
    Description,
}

/// <summary>What was understood of a question.</summary>
/// <param name="Original">As typed.</param>
/// <param name="Normalized">Half-width, Simplified, trimmed, lower-case.</param>
/// <param name="Kind">The kind of answer asked for.</param>
/// <param name="Unit">The unit asked for with a quantity (<c>名</c>, <c>个</c>, <c>元</c>, <c>%</c>…), if any.</param>
/// <param name="WhStart">Where the question word starts in <paramref name="Normalized"/>, or -1.</param>
/// <param name="WhLength">Its length.</param>
/// <param name="Keywords">Content words (question words and function words removed), in order.</param>
public sealed record QuestionAnalysis(string Original, string Normalized, AnswerKind Kind, string? Unit, int WhStart, int WhLength, IReadOnlyList<string> Keywords)
{
    /// <summary>The question text before the question word: the answer follows its end in a matching sentence.</summary>
    public string Left => WhStart < 0 ? Normalized : Normalized[..WhStart];

    /// <summary>The question text after the question word: the answer precedes its start in a matching sentence.</summary>
    public string Right => WhStart < 0 ? "" : Normalized[(WhStart + WhLength)..];

    /// <summary><see cref="Left"/> without trailing particles (是, 的, 了…): what a sentence prints right before the answer.</summary>
    public string LeadIn { get; } = StripParticles(WhStart < 0 ? Normalized : Normalized[..WhStart], atEnd: true);

    /// <summary><see cref="Right"/> without leading particles: what a sentence prints right after the answer.</summary>
    public string LeadOut { get; } = StripParticles(WhStart < 0 ? "" : Normalized[(WhStart + WhLength)..], atEnd: false);

    /// <summary>The question with its question word blanked out, for retrieval.</summary>
    public string WithoutQuestionWord => WhStart < 0 ? Normalized : Left + " " + Right;

    // 建了个啥, 是一个怎样的: a classifier before the question word is the question's, not the page's
    // (一个 before 个, so 了一个 strips whole).
    private static string StripParticles(string text, bool atEnd)
    {
        var t = text.Trim();
        var particles = atEnd ? new[] { "是", "的", "了", "有", "为", "在", "一个", "个" } : new[] { "的", "了", "呢", "吗", "是" };
        bool changed = true;
        while (changed && t.Length > 0)
        {
            changed = false;
            foreach (var p in particles)
            {
                // Keep a particle that is the only anchor left ("是由" needs its 由).
                if ((atEnd ? t.EndsWith(p, StringComparison.Ordinal) : t.StartsWith(p, StringComparison.Ordinal)) && t.Length > p.Length)
                {
                    t = atEnd ? t[..^p.Length] : t[p.Length..];
                    changed = true;
                }
            }
        }

        return t;
    }
}
