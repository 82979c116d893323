using Microsoft.Extensions.Logging.Abstractions;

namespace TDeveloper.Hosting.Security;

/// <summary>
/// A logger factory whose loggers are never enabled at <see cref="LogLevel.Trace"/>: Microsoft.Extensions.AI's logging
/// chat client and embedding generator write the messages, prompts and answers at Trace, and those carry what users
/// typed (passwords in prose that input masking cannot recognise) and what models wrote. With this factory they log
/// that calls happened and how they ended, never their content, whatever level the host enables.
/// </summary>
public sealed class ContentFreeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Gets the host's logger factory, capped below Trace; a no-op factory when the host has none.</summary>
    public static ILoggerFactory Over(IServiceProvider services) =>
        new ContentFreeLoggerFactory(services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new Capped(inner.CreateLogger(categoryName));

    /// <inheritdoc/>
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>Does not dispose the host's factory, which the host owns.</summary>
    public void Dispose()
    {
    }

    private sealed class Capped(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel > LogLevel.Trace && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
