using CoopBot.Engine.Answering;
using CoopBot.Engine.Ingestion;
using Microsoft.Extensions.Options;

namespace CoopBot.Core;

/// <summary>
/// Holds the current engine. The index is opened (built, on first start) in the background so the
/// server answers /healthz at once; anything that needs the engine waits for it. When the seeds
/// change, a new index is built in the background while the old one keeps answering, then swapped
/// in with one atomic reference change; the old engine is disposed after in-flight questions finish.
/// </summary>
public sealed class EngineHolder(IOptions<CoopBotOptions> options, IEngineOpener opener, ILogger<EngineHolder> logger, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
{
    /// <summary>How long a replaced engine stays open for questions already under way.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private QaEngine? _current;
    private FileSystemWatcher? _watcher;
    private Timer? _poll;
    private int _reloadPending;

    /// <summary>True once an index is loaded.</summary>
    public bool IsReady => Volatile.Read(ref _current) is not null;

    /// <summary>Why the engine could not be opened, if it could not.</summary>
    public string? Error { get; private set; }

    /// <summary>How many times a changed seeds folder has been reindexed and swapped in.</summary>
    public int Reloads { get; private set; }

    /// <summary>The current engine, once open.</summary>
    public async Task<QaEngine> GetAsync(CancellationToken cancellationToken)
    {
        await _firstLoad.Task.WaitAsync(cancellationToken);
        return Volatile.Read(ref _current)!;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(
            () =>
            {
                try
                {
                    var o = options.Value;
                    var engine = opener.Open(o, logger);

                    // Load SmartCn's dictionaries and compile the answer path now, while the server is
                    // still starting, rather than in the first person's question.
                    engine.Ask(o.ExampleQuestion);
                    Volatile.Write(ref _current, engine);
                    logger.LogInformation("Index ready: {Articles} articles, {Passages} passages from {Seeds}", engine.Manifest.Articles, engine.Manifest.Passages, o.Seeds);
                    _firstLoad.TrySetResult();
                    Watch(o);
                }
                catch (Exception e)
                {
                    // Whatever went wrong (a bad folder, a bad setting, an analysis library that cannot
                    // be read), a bot that cannot answer must not sit "starting" for ever: every waiting
                    // turn is released with the error, and the process ends (Program exits non-zero).
                    Error = Describe(e);
                    logger.LogCritical("CoopBot cannot answer: {Error}", Error);
                    logger.LogDebug(e, "Index load failure");
                    // Stopping while the host is still starting would cancel its start with an
                    // exception of its own; stop once it has started (at once if it has). Asked for
                    // before the waiting turns are released, so whoever sees the error sees the stop too.
                    lifetime.ApplicationStarted.Register(lifetime.StopApplication);
                    _firstLoad.TrySetException(e);
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>One line for the log: the message of an expected failure, the type too for an unexpected one.</summary>
    private static string Describe(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException
            ? e.Message.ReplaceLineEndings(" ")
            : $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";

    /// <summary>Reindexes now if the seeds changed since the current index was built (also called by the watcher).</summary>
    public async Task ReloadIfChangedAsync()
    {
        await _reloadGate.WaitAsync(_stopping.Token);
        try
        {
            Interlocked.Exchange(ref _reloadPending, 0);
            var o = options.Value;
            var current = Volatile.Read(ref _current);
            string fingerprint;
            try
            {
                fingerprint = CorpusLoader.Fingerprint(o.Seeds);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Could not read the seeds folder {Seeds} ({Error}); still answering from the current index.", o.Seeds, e.Message);
                return;
            }

            if (current is not null && current.Manifest.SeedsFingerprint == fingerprint)
            {
                return;
            }

            logger.LogInformation("The seeds in {Seeds} changed; reindexing in the background.", o.Seeds);
            QaEngine next;
            try
            {
                next = opener.Open(o, logger);
            }
            catch (Exception e)
            {
                // The index in use is untouched (a build only switches generations when complete).
                logger.LogError("Reindexing {Seeds} failed ({Error}); still answering from the previous index.", o.Seeds, Describe(e));
                logger.LogDebug(e, "Reindex failure");
                return;
            }

            var old = Interlocked.Exchange(ref _current, next);
            Reloads++;
            logger.LogInformation("Swapped in the new index: {Articles} articles, {Passages} passages.", next.Manifest.Articles, next.Manifest.Passages);
            if (old is not null)
            {
                _ = Task.Delay(RetireAfter, CancellationToken.None).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
            }
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private void Watch(CoopBotOptions o)
    {
        try
        {
            _watcher = new FileSystemWatcher(o.Seeds) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => Schedule();
            _watcher.Created += (_, _) => Schedule();
            _watcher.Deleted += (_, _) => Schedule();
            _watcher.Renamed += (_, _) => Schedule();
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            logger.LogWarning("Cannot watch {Seeds} for changes ({Error}); checking every {Interval}.", o.Seeds, e.Message, o.SeedsPollInterval);
        }

        // Watchers miss events on some file systems (network shares); a slow poll catches the rest.
        _poll = new Timer(_ => Schedule(), null, o.SeedsPollInterval, o.SeedsPollInterval);
    }

    /// <summary>Debounces bursts of file events (an editor saving, a copy in progress) into one reload.</summary>
    private void Schedule()
    {
        if (Interlocked.Exchange(ref _reloadPending, 1) == 1 || _stopping.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token).ContinueWith(
            async t =>
            {
                if (!t.IsCanceled)
                {
                    await ReloadIfChangedAsync();
                }
            },
            TaskScheduler.Default);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        _watcher?.Dispose();
        _poll?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _watcher?.Dispose();
        _poll?.Dispose();
        Volatile.Read(ref _current)?.Dispose();
    }
}
