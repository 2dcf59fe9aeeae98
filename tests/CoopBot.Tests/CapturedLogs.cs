using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoopBot.Tests;

/// <summary>One logged line: its level, category, formatted text and exception.</summary>
internal sealed record LogLine(LogLevel Level, string Category, string Text, Exception? Error)
{
    /// <summary>The whole line as a sink would write it, exception included.</summary>
    public override string ToString() => $"{Level}: {Category}: {Text} {Error}";
}

/// <summary>A logger provider that keeps every line, for tests that assert on the log.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(Lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogLine> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception));
    }
}
