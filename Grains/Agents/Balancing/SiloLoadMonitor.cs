using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>
/// Each silo's measured CPU and memory use, read from Orleans' management grain (the runtime statistics every silo keeps)
/// at most once per <see cref="AgentBalancingOptions.SiloStatisticsRefresh"/> per silo, and only when a resource-based type
/// asks. One per silo, shared by its sessions' balancers; a failed read keeps the last figures.
/// </summary>
public sealed partial class SiloLoadMonitor(IGrainFactory grains, IOptions<AgentBalancingOptions> options, TimeProvider time, ILogger<SiloLoadMonitor> logger)
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private IReadOnlyDictionary<string, SiloLoad> _loads = new Dictionary<string, SiloLoad>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Gets the figures by silo address (as <c>SiloAddress.ToString()</c>), reading them again when stale.</summary>
    public async ValueTask<IReadOnlyDictionary<string, SiloLoad>> GetAsync()
    {
        if (time.GetUtcNow() - _readAt < options.Value.SiloStatisticsRefresh) return _loads;
        await _reading.WaitAsync();
        try
        {
            if (time.GetUtcNow() - _readAt < options.Value.SiloStatisticsRefresh) return _loads;
            var management = grains.GetGrain<IManagementGrain>(0);
            var silos = (await management.GetHosts(onlyActive: true)).Keys.ToArray();
            var statistics = await management.GetRuntimeStatistics(silos);
            _loads = silos.Zip(statistics).ToDictionary(s => s.First.ToString(), s => LoadOf(s.Second), StringComparer.Ordinal);
        }
        catch (Exception ex)
        {
            LogReadFailed(ex);
        }
        finally
        {
            _readAt = time.GetUtcNow();
            _reading.Release();
        }

        return _loads;
    }

    /// <summary>Turns Orleans' statistics into 0-1 shares.</summary>
    public static SiloLoad LoadOf(SiloRuntimeStatistics statistics)
    {
        var environment = statistics.EnvironmentStatistics;
        var cpu = environment.FilteredCpuUsagePercentage / 100.0;
        var memory = environment.MaximumAvailableMemoryBytes > 0 ? (double)environment.FilteredMemoryUsageBytes / environment.MaximumAvailableMemoryBytes : 0;
        return new SiloLoad(Math.Clamp(cpu, 0, 1), Math.Clamp(memory, 0, 1));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the silos' CPU and memory figures failed; resource-based balancing keeps the last ones")]
    private partial void LogReadFailed(Exception exception);
}
