using CoopBot.Engine.Answering;
using Microsoft.Extensions.Options;

namespace CoopBot.Hosting;

/// <summary>
/// Holds the engine once it is open. The index is opened (built, on first start) in the background so
/// the server answers /healthz at once; anything that needs the engine waits for it.
/// </summary>
public sealed class EngineHolder(IOptions<CoopBotOptions> options, ILogger<EngineHolder> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<QaEngine> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the index is loaded.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Why the engine could not be opened, if it could not.</summary>
    public string? Error => _ready.Task.IsFaulted ? _ready.Task.Exception!.InnerException!.Message : null;

    /// <summary>The engine, once open.</summary>
    public Task<QaEngine> GetAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        _ = Task.Run(
            () =>
            {
                try
                {
                    var engine = QaEngine.Open(new EngineOptions(o.Seeds, o.Index), logger);
                    logger.LogInformation("Index ready: {Articles} articles, {Passages} passages from {Seeds}", engine.Manifest.Articles, engine.Manifest.Passages, o.Seeds);
                    _ready.TrySetResult(engine);
                }
                catch (Exception e)
                {
                    logger.LogCritical("CoopBot cannot answer: {Error}", e.Message);
                    _ready.TrySetException(e);
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ready.Task.IsCompletedSuccessfully)
        {
            _ready.Task.Result.Dispose();
        }
    }
}
