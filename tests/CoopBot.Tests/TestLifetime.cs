using Microsoft.Extensions.Hosting;

namespace CoopBot.Tests;

/// <summary>A host lifetime a test drives: started when it says so, stopped when the code under test asks.</summary>
internal sealed class TestLifetime : IHostApplicationLifetime
{
    private readonly CancellationTokenSource _started = new();
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => _started.Token;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void Started() => _started.Cancel();

    public void StopApplication() => _stopping.Cancel();
}
