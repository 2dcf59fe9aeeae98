using CoopBot.Engine.Answering;
using CoopBot.Engine.Ingestion;
using Microsoft.Extensions.Options;

namespace CoopBot.Core;

/// <summary>
/// Holds the current engine. The index is opened (built, on first start) in the background so the
/// server answers /healthz at once; anything that needs the engine waits for it. When the seeds
/// change, the files that changed are applied to the index in the background while the old snapshot
/// keeps answering, then the new snapshot is swapped in with one atomic reference change; the old
/// engine is disposed after in-flight questions finish.
/// </summary>
public sealed class EngineHolder(IOptions<CoopBotOptions> options, IEngineOpener opener, ILogger<EngineHolder> logger, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
{
    /// <summary>How long a replaced engine stays open for questions already under way.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    // Guards stopping against the first load starting the watcher: one that started after StopAsync
    // had disposed it would watch, and update the index, for as long as the process runs.
    private readonly object _lifecycle = new();
    private Task _load = Task.CompletedTask;
    private QaEngine? _current;
    private FileSystemWatcher? _watcher;
    private Timer? _poll;
    private int _reloadPending;

    // What the watcher reported since the last update: the files by path, or "look at everything"
    // (the poll, a directory event, a watcher overflow). Guarded by _changedLock.
    private readonly object _changedLock = new();
    private HashSet<string> _changed = new(StringComparer.Ordinal);
    private bool _scanAll;

    /// <summary>True once an index is loaded.</summary>
    public bool IsReady => Volatile.Read(ref _current) is not null;

    /// <summary>Why the engine could not be opened, if it could not.</summary>
    public string? Error { get; private set; }

    /// <summary>How many times a changed seeds folder has been applied to the index and swapped in.</summary>
    public int Reloads { get; private set; }

    private readonly TaskCompletionSource<Task> _catchUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the update that follows the first load (the files changed while the bot was
    /// down) has been applied or has failed: a caller that changes the seeds and expects its own
    /// update to be the one that sees the change waits for this first.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var update = await _catchUp.Task.WaitAsync(cancellationToken);
        await update.WaitAsync(cancellationToken);
    }

    /// <summary>The current engine, once open.</summary>
    public async Task<QaEngine> GetAsync(CancellationToken cancellationToken)
    {
        await _firstLoad.Task.WaitAsync(cancellationToken);
        return Volatile.Read(ref _current)!;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _load = Task.Run(
            () =>
            {
                try
                {
                    var o = options.Value;
                    var engine = opener.Open(o, logger);

                    // Load SmartCn's dictionaries and compile the answer path now, while the server is
                    // still starting, rather than in the first person's question.
                    engine.Ask(o.ExampleQuestion);
                    lock (_lifecycle)
                    {
                        if (_stopping.IsCancellationRequested)
                        {
                            // The host stopped while the index was being built or opened: nobody will
                            // ask, and nothing may watch the folder or hold the index open after stop.
                            engine.Dispose();
                            _firstLoad.TrySetCanceled(_stopping.Token);
                            _catchUp.TrySetResult(Task.CompletedTask);
                            return;
                        }

                        Volatile.Write(ref _current, engine);
                        Watch(o);
                    }

                    logger.LogInformation("Index ready: {Articles} articles, {Passages} passages from {Seeds}", engine.Manifest.Articles, engine.Manifest.Passages, o.Seeds);
                    _firstLoad.TrySetResult();

                    // Files changed while the bot was down are applied now, while it already answers.
                    _catchUp.TrySetResult(ReloadIfChangedAsync());
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

    /// <summary>Applies the seeds' changes now, if any, since the current index was last updated (also called by the watcher).</summary>
    public Task ReloadIfChangedAsync() => ReloadAsync(scanAll: true);

    private async Task ReloadAsync(bool scanAll)
    {
        await _reloadGate.WaitAsync(_stopping.Token);
        try
        {
            Interlocked.Exchange(ref _reloadPending, 0);
            var o = options.Value;
            var current = Volatile.Read(ref _current);
            if (current is null)
            {
                return;
            }

            IReadOnlyCollection<string>? changed;
            lock (_changedLock)
            {
                changed = scanAll || _scanAll || _changed.Count > MaxWatchedChanges ? null : _changed;
                _changed = new(StringComparer.Ordinal);
                _scanAll = false;
            }

            QaEngine? next;
            try
            {
                // Only the page files added, changed or deleted are read and indexed, into the same
                // index, as one commit; the engine in use keeps its snapshot until it is swapped out.
                next = opener.Refresh(current, o, logger, changed);
            }
            catch (Exception e)
            {
                // The index in use is untouched: a failed update commits nothing.
                logger.LogError("Updating the index from {Seeds} failed ({Error}); still answering from the previous index.", o.Seeds, Describe(e));
                logger.LogDebug(e, "Index update failure");
                return;
            }

            if (next is null)
            {
                return;
            }

            var old = Interlocked.Exchange(ref _current, next);
            Reloads++;
            logger.LogInformation(
                "Swapped in the updated index: {Articles} articles, {Passages} passages ({Added} files added, {Changed} changed, {Removed} removed in {Ms} ms).",
                next.Manifest.Articles, next.Manifest.Passages, next.LastUpdate?.Added, next.LastUpdate?.Changed, next.LastUpdate?.Removed, next.LastUpdate?.Milliseconds);
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
            _watcher.Changed += (_, e) => Schedule(o.Seeds, e.FullPath);
            _watcher.Created += (_, e) => Schedule(o.Seeds, e.FullPath);
            _watcher.Deleted += (_, e) => Schedule(o.Seeds, e.FullPath);
            _watcher.Renamed += (_, e) => Schedule(o.Seeds, e.OldFullPath, e.FullPath);
            _watcher.Error += (_, _) => Schedule(o.Seeds, (string?)null);
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            logger.LogWarning("Cannot watch {Seeds} for changes ({Error}); checking every {Interval}.", o.Seeds, e.Message, o.SeedsPollInterval);
        }

        // Watchers miss events on some file systems (network shares); a slow poll catches the rest.
        _poll = new Timer(_ => Schedule(o.Seeds, (string?)null), null, o.SeedsPollInterval, o.SeedsPollInterval);
    }

    /// <summary>More files than this reported at once (a folder copied in): look at every file instead.</summary>
    private const int MaxWatchedChanges = 10_000;

    /// <summary>How long a burst of file events is gathered before the update runs.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    /// <summary>Notes the paths reported (null or a folder: look at every file) and schedules an update.</summary>
    private void Schedule(string seeds, params string?[] paths)
    {
        lock (_changedLock)
        {
            foreach (var path in paths)
            {
                if (path is null || System.IO.Directory.Exists(path))
                {
                    _scanAll = true;
                }
                else
                {
                    _changed.Add(Path.GetRelativePath(seeds, path));
                }
            }
        }

        Schedule();
    }

    /// <summary>Debounces bursts of file events (an editor saving, a copy in progress) into one update.</summary>
    private void Schedule()
    {
        if (Interlocked.Exchange(ref _reloadPending, 1) == 1 || _stopping.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Delay(Debounce, _stopping.Token).ContinueWith(
            async t =>
            {
                if (!t.IsCanceled)
                {
                    await ReloadAsync(scanAll: false);
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>
    /// Stops watching, then waits (up to the host's shutdown timeout) for the first load and for an
    /// update under way: both write into the index folder, and a build left running after the host
    /// stopped went on writing an index nobody would read (into a folder its owner may be deleting).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        StopWatching();
        try
        {
            await _load.WaitAsync(cancellationToken);
            await _reloadGate.WaitAsync(cancellationToken);
            _reloadGate.Release();
        }
        catch (OperationCanceledException)
        {
            // Past the shutdown timeout: a build or update still under way is left to the process's
            // end; each writes a new generation or commit that counts only once complete.
            logger.LogWarning("Stopped while the index in {Index} was still being written; it is used only once complete.", options.Value.Index);
        }
    }

    private void StopWatching()
    {
        lock (_lifecycle)
        {
            _stopping.Cancel();
            _watcher?.Dispose();
            _poll?.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        StopWatching();
        Volatile.Read(ref _current)?.Dispose();
    }
}
