namespace CoopBot.Tests.Shared;

/// <summary>
/// Facts of the seed page (seeds/, copied unchanged from ../shared/seeds), checked by hand against the
/// printed page, in one place for every test project.
/// </summary>
internal static class SeedFacts
{
    /// <summary>Distinct articles on the page (one of the seven printed is a repeat).</summary>
    public const int Articles = 6;

    /// <summary>Articles dropped as repeats.</summary>
    public const int DuplicateArticles = 1;

    /// <summary>Passages indexed from the distinct articles: 36 paragraphs and 4 photo captions.</summary>
    public const int Passages = 40;

    /// <summary>A formal question the page answers.</summary>
    public const string CadresQuestion = "有多少名干部赴广东学习培训？";

    /// <summary>Its answer, verbatim from the page.</summary>
    public const string CadresAnswer = "2546名";

    /// <summary>The question about the cumulative signing total.</summary>
    public const string TotalQuestion = "两省对口合作的总签约额是多少？";

    /// <summary>Its answer, verbatim from the page.</summary>
    public const string TotalAnswer = "4901亿元";
}
