
namespace CoopBot.Core;

/// <summary>CoopBot's settings, section <c>CoopBot</c> (appsettings.json, environment <c>CoopBot__Seeds</c>, or the command line).</summary>
public sealed class CoopBotOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "CoopBot";

    /// <summary>The folder of article files. Default: the repository's <c>seeds/</c>.</summary>
    public string Seeds { get; set; } = RepositoryPaths.DefaultSeeds;

    /// <summary>The folder the index is built into. Default: the repository's <c>index/</c>.</summary>
    public string Index { get; set; } = RepositoryPaths.DefaultIndex;

    /// <summary>
    /// The editors' log: questions, votes, aliases and console changes, in SQLite. Default: the
    /// repository's <c>data/coopbot.db</c>.
    /// </summary>
    public string Database { get; set; } = Path.Combine(RepositoryPaths.Root, "data", "coopbot.db");

    /// <summary>Questions and votes older than this many days are deleted from the log; 0 keeps them.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// The JSON-lines vote file earlier versions wrote (default: the repository's <c>data/feedback.jsonl</c>).
    /// When present it is imported into <see cref="Database"/> once, then renamed <c>.imported</c>.
    /// </summary>
    public string FeedbackFile { get; set; } = Path.Combine(RepositoryPaths.Root, "data", "feedback.jsonl");

    /// <summary>The editors' console at /admin.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>
    /// The public base URL for links in chat (<c>https://coopbot.example.org</c>). Empty: the scheme and
    /// host of the request being answered, which is right when the bot is reached directly.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>The example questions when none are configured: the seed page's, in one place.</summary>
    public static readonly IReadOnlyList<string> DefaultExampleQuestions = ["两省对口合作的总签约额是多少？", "有多少名干部赴广东学习培训？", "深哈产业园注册了多少家企业？"];

    /// <summary>Example questions offered as buttons on welcome and after answers.</summary>
    public List<string> ExampleQuestions { get; set; } = [];

    /// <summary>The first example question, quoted in help and error messages.</summary>
    public string ExampleQuestion => ExampleQuestions.FirstOrDefault() ?? DefaultExampleQuestions[0];

    /// <summary>How often the seeds folder is checked for changes besides file-system events.</summary>
    public TimeSpan SeedsPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Conversation state (last question, recent answers) is forgotten after this long idle.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many conversations' state is kept; beyond it the least recently used go.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>
    /// Answers kept for repeated questions (the suggested ones above all); 0 turns the cache off.
    /// Emptied whenever the articles are reindexed.
    /// </summary>
    public int AnswerCacheEntries { get; set; } = 1024;

    /// <summary>The built-in Direct Line endpoint behind the web chat page.</summary>
    public DirectLineOptions DirectLine { get; set; } = new();

    /// <summary>Per-client request limits on the web endpoints.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>The proxies whose forwarded headers are believed; none by default.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>
    /// How long a call to a Bot Framework connector (posting a reply to Teams or the emulator) may take
    /// before it is given up; a slow or hostile endpoint cannot hold a request open longer.
    /// </summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Without credentials CoopBot is unauthenticated, so it refuses to listen on anything but this
    /// machine's loopback addresses unless this is true (a trusted network, a demo).
    /// </summary>
    public bool AllowRemoteWithoutCredentials { get; set; }
}

/// <summary>The editors' console (<c>CoopBot:Admin</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>
    /// The key editors sign in with. Empty (the default): /admin does not exist (404). At least 16
    /// characters; keep it out of files under version control (environment <c>CoopBot__Admin__Key</c>).
    /// </summary>
    public string Key { get; set; } = "";

    /// <summary>How long a sign-in lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts a client may make per minute (a wrong key costs one like any other).</summary>
    public int SignInsPerMinute { get; set; } = 5;

    /// <summary>Console pages and actions a client may request per minute.</summary>
    public int PerMinute { get; set; } = 300;

    /// <summary>The offset of the time zone the console counts days in (China Standard Time by default).</summary>
    public TimeSpan DayOffset { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>Settings of the built-in Direct Line endpoint (<c>CoopBot:DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    /// <summary>
    /// The secret other Direct Line clients present (<c>Authorization: Bearer SECRET</c>) to start a
    /// conversation without a token. Required when bot credentials are set; without it Direct Line is off.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>Conversations idle this long are dropped, with their tokens.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most this many conversations are kept; beyond it the least recently used go.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>The most one conversation's transcript may hold (bytes); beyond it its oldest activities go.</summary>
    public long MaxConversationBytes { get; set; } = 1024 * 1024;

    /// <summary>The most all transcripts together may hold (bytes); beyond it the least recently used conversations go.</summary>
    public long MaxStoreBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A user's text is kept in the transcript up to this many characters (questions are at most 500).</summary>
    public const int MaxTranscriptText = 2_000;
}

/// <summary>Per-client limits (<c>CoopBot:RateLimit</c>), by remote address, per minute.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests a client may make to the web endpoints (pages, /api/ask, Direct Line) per minute.</summary>
    public int PerMinute { get; set; } = 600;

    /// <summary>Direct Line tokens (new conversations) a client may get per minute.</summary>
    public int TokensPerMinute { get; set; } = 30;

    /// <summary>
    /// Activities a client may post to /api/messages per minute in local mode. With credentials the
    /// callers are the Bot Service's own addresses, shared by every user, and each call is authenticated,
    /// so no per-address limit applies there.
    /// </summary>
    public int MessagesPerMinute { get; set; } = 600;
}

/// <summary>
/// Which proxies may tell CoopBot the client's address (<c>CoopBot:ForwardedHeaders</c>). Only from
/// these are <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> believed; from anyone else they are a
/// client's claim and ignored, so rate limits count real addresses.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses (<c>10.0.0.5</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (<c>10.0.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
