using CoopBot.Engine.Answering;

namespace CoopBot.Engine.Tests;

/// <summary>One engine over the real seed, built into a private index folder, shared by a test class.</summary>
public sealed class EngineFixture : IDisposable
{
    private readonly TempDir _dir = TestPaths.NewTempDir();

    public EngineFixture() => Engine = QaEngine.Open(new EngineOptions(TestPaths.Seeds, _dir.Sub("index")));

    public QaEngine Engine { get; }

    public void Dispose()
    {
        Engine.Dispose();
        _dir.Dispose();
    }
}
