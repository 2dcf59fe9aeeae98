using Microsoft.Extensions.Logging;

namespace CoopBot.Cli;

/// <summary>Warnings and errors on standard error, so standard output stays clean for --jsonl.</summary>
internal sealed class StderrLogger(LogLevel minimum = LogLevel.Warning) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine($"{(logLevel >= LogLevel.Warning ? "warning" : "info")}: {formatter(state, exception)}");
        }
    }
}
