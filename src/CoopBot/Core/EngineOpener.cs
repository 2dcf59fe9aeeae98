using CoopBot.Engine.Answering;

namespace CoopBot.Core;

/// <summary>Opens (building if needed) the engine over the configured seeds and index; a service so tests can make it fail.</summary>
public interface IEngineOpener
{
    /// <summary>Opens the engine; throws whatever opening it throws.</summary>
    QaEngine Open(CoopBotOptions options, ILogger logger);

    /// <summary>
    /// Applies what changed in the seeds folder to <paramref name="current"/>'s index, page file by page
    /// file, and returns the engine over the index after the change, or null when nothing changed.
    /// <paramref name="changed"/> names the files a watcher reported (relative to the seeds folder), or
    /// is null to look at every file.
    /// </summary>
    QaEngine? Refresh(QaEngine current, CoopBotOptions options, ILogger logger, IReadOnlyCollection<string>? changed) => current.Refresh(changed);
}

/// <summary>The engine over the Lucene index in <see cref="CoopBotOptions.Index"/>.</summary>
public sealed class IndexEngineOpener : IEngineOpener
{
    /// <inheritdoc />
    public QaEngine Open(CoopBotOptions options, ILogger logger) =>
        // The host answers from the index as it is and applies the seeds' changes right after, in the
        // background (EngineHolder): on a large archive, comparing every file first would delay the start.
        QaEngine.Open(new EngineOptions(options.Seeds, options.Index) { AnswerCacheEntries = options.AnswerCacheEntries, UpdateOnOpen = false }, logger);
}
