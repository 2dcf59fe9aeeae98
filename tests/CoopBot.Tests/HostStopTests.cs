using CoopBot.Core;
using CoopBot.Engine.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoopBot.Tests;

/// <summary>
/// Stopping the host while the first index build is under way. Before the fix, StopAsync returned at
/// once: the build went on writing the index after the host had stopped (every test fixture disposed
/// before its build ended left an index folder behind in the temp folder, recreated after it was
/// deleted), and the engine it opened was served and watched the seeds with nobody to stop it.
/// </summary>
[Trait("Category", "Integration")]
public class HostStopTests
{
    [Fact]
    public async Task Stopping_during_the_first_build_waits_for_it_then_neither_serves_nor_watches_what_it_built()
    {
        using var dir = new TempFolder();
        var index = Path.Combine(dir.Path, "index");
        var options = Microsoft.Extensions.Options.Options.Create(new CoopBotOptions { Seeds = Path.Combine(Repo.Root, "seeds"), Index = index });
        var opener = new GatedOpener();
        using var holder = new EngineHolder(options, opener, NullLogger<EngineHolder>.Instance, new TestLifetime());

        await holder.StartAsync(CancellationToken.None);
        var waiting = holder.GetAsync(CancellationToken.None);
        Assert.True(opener.Entered.Wait(TimeSpan.FromSeconds(30)), "the first load never began");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stop = holder.StopAsync(timeout.Token);
        await Task.Delay(300);
        Assert.False(stop.IsCompleted, "StopAsync returned while the index was still being built");

        opener.Release.Set();
        await stop;
        Assert.False(timeout.IsCancellationRequested, "StopAsync waited past its timeout");
        Assert.NotNull(opener.Opened);

        // What the build opened after the stop is neither served nor kept open: the turns that waited
        // for it are released, and its folder can be deleted for good (nothing watches or updates it).
        Assert.False(holder.IsReady);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Directory.Delete(index, recursive: true);
        await Task.Delay(EngineHolder.Debounce * 4);
        Assert.False(Directory.Exists(index), "the index folder was written to after the host stopped");
    }

    /// <summary>Opens the real engine, once the test lets it: the build is "under way" until then.</summary>
    private sealed class GatedOpener : IEngineOpener
    {
        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public QaEngine? Opened { get; private set; }

        public QaEngine Open(CoopBotOptions options, ILogger logger)
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(60));
            return Opened = new IndexEngineOpener().Open(options, logger);
        }
    }
}
