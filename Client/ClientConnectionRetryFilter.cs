using Microsoft.Extensions.Options;

namespace TDeveloper.Client;

/// <summary>Retries connecting to the cluster at start, so that a client may start before the silos are up.</summary>
internal sealed partial class ClientConnectionRetryFilter(
    IOptions<TDeveloperClientOptions> options, TimeProvider timeProvider, ILogger<ClientConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var (maxAttempts, delay) = (options.Value.MaxConnectionAttempts, options.Value.ConnectionRetryDelay);
        if (attempt >= maxAttempts)
        {
            LogGivingUp(logger, exception, attempt);
            return false;
        }

        LogRetrying(logger, exception.Message, attempt, maxAttempts, delay);
        await Task.Delay(delay, timeProvider, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect to the cluster (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string reason, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not connect to the cluster after {Attempts} attempts")]
    private static partial void LogGivingUp(ILogger logger, Exception exception, int attempts);
}
