using CoopBot.Core;
using CoopBot.Editorial;
using CoopBot.Engine.Answering;
using CoopBot.Engine.Text;
using Microsoft.Extensions.Options;

namespace CoopBot.Admin;

/// <summary>
/// The host's side of the editors' log: opens the database at start, logs each question and vote,
/// holds the aliases editors added (applied to every question at once, no restart or reindex) and
/// deletes what is past the retention every six hours. When the database cannot be opened the bot
/// still answers; the log and the console say why they are off.
/// </summary>
public sealed class EditorialLog(IOptions<CoopBotOptions> options, ILogger<EditorialLog> logger, TimeProvider time) : IHostedService, IDisposable
{
    private EditorialStore? _store;
    private EditorAliases _aliases = EditorAliases.None;
    private Timer? _purge;

    /// <summary>The store, or null when it could not be opened (<see cref="Error"/> says why).</summary>
    public EditorialStore? Store => Volatile.Read(ref _store);

    /// <summary>Why the log is off, when it is.</summary>
    public string? Error { get; private set; }

    /// <summary>The aliases in force.</summary>
    public EditorAliases Aliases => Volatile.Read(ref _aliases);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        try
        {
            var store = EditorialStore.Open(
                new EditorialStoreOptions(Path.GetFullPath(o.Database)) { RetentionDays = o.RetentionDays, DayOffset = o.Admin.DayOffset, LegacyFeedbackFile = Path.GetFullPath(o.FeedbackFile) },
                logger);
            Volatile.Write(ref _store, store);
            ReloadAliases();
            _purge = new Timer(_ => _ = PurgeAsync(), null, TimeSpan.Zero, TimeSpan.FromHours(6));
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Error = $"the editors' database {o.Database} cannot be opened ({e.Message.ReplaceLineEndings(" ")})";
            logger.LogError("Questions and votes are not logged: {Error}", Error);
        }

        return Task.CompletedTask;
    }

    /// <summary>Reads the aliases from the database again (after an editor changed them) and puts them in force.</summary>
    public void ReloadAliases()
    {
        if (Store is { } store)
        {
            Volatile.Write(ref _aliases, new EditorAliases(store.Aliases().Select(a => new EditorAlias(a.Phrase, a.Canonical))));
        }
    }

    /// <summary>Logs one question (never blocks the turn).</summary>
    public void Record(string channel, string? conversationId, string asked, Answer answer, TimeSpan took, string? understood)
    {
        Store?.Record(new LoggedQuestion(
            time.GetUtcNow(), channel, conversationId, asked, answer.Answered, answer.Text, answer.Answered ? null : answer.Reason.ToString(),
            answer.Passages.Select(p => p.Passage.Id).ToList(), took.TotalMilliseconds, answer.Confidence, understood));
    }

    private async Task PurgeAsync()
    {
        try
        {
            if (Store is { } store && await store.PurgeAsync(time.GetUtcNow()) is > 0 and var n)
            {
                logger.LogInformation("Deleted {Rows} logged questions and votes older than {Days} days.", n, options.Value.RetentionDays);
            }
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
        {
            logger.LogWarning("Could not delete old log entries: {Error}", e.Message);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _purge?.Dispose();
        Store?.Dispose();
    }
}
