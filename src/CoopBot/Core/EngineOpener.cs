using CoopBot.Engine.Answering;

namespace CoopBot.Core;

/// <summary>Opens (building if needed) the engine over the configured seeds and index; a service so tests can make it fail.</summary>
public interface IEngineOpener
{
    /// <summary>Opens the engine; throws whatever opening it throws.</summary>
    QaEngine Open(CoopBotOptions options, ILogger logger);
}

/// <summary>The engine over the Lucene index in <see cref="CoopBotOptions.Index"/>.</summary>
public sealed class IndexEngineOpener : IEngineOpener
{
    /// <inheritdoc />
    public QaEngine Open(CoopBotOptions options, ILogger logger) =>
        QaEngine.Open(new EngineOptions(options.Seeds, options.Index) { AnswerCacheEntries = options.AnswerCacheEntries }, logger);
}
