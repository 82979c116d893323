using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Refreshes the host's <see cref="RevocationCache"/> every <see cref="RevocationCacheOptions.RefreshInterval"/>.</summary>
public sealed partial class RevocationCacheRefresher(RevocationCache cache, IOptions<RevocationCacheOptions> options, TimeProvider time, ILogger<RevocationCacheRefresher> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        var failing = false;
        do
        {
            try
            {
                await cache.RefreshAsync(stoppingToken);
                if (failing) LogRecovered();
                failing = false;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing) LogRefreshFailed(exception);
                failing = true;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation list could not be fetched; token checks fail once this host's copy is too old")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The revocation list is fetched again")]
    private partial void LogRecovered();
}
