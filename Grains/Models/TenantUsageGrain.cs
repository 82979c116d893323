using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Models;

/// <summary>
/// Sums a tenant's model usage. Adds are counted in memory and saved behind them (<see cref="AgentOptions.SaveInterval"/>),
/// like agent statistics: a silo crash can lose the last seconds of counts, never a step's own usage, which its workflow keeps.
/// </summary>
[Reentrant]
public sealed partial class TenantUsageGrain(
    [PersistentState("usage", StorageNames.State)] IPersistentState<TenantUsageState> state,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<TenantUsageGrain> logger) : Grain, ITenantUsageGrain
{
    private IGrainTimer? _save;

    /// <inheritdoc/>
    public Task AddAsync(string model, ModelUsage usage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(usage);
        var current = state.State.Usage;
        state.State.Usage = current.Add(model, usage) with { Since = current.Since ?? time.GetUtcNow() };
        _save ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(options.Value.SaveInterval, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<UsageBreakdown> GetAsync() => Task.FromResult(state.State.Usage);

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_save is not null) await SaveAsync(cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        _save?.Dispose();
        _save = null;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, this.GetPrimaryKeyString());
            _save = this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(options.Value.SaveInterval, Timeout.InfiniteTimeSpan));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage of tenant {Tenant} could not be saved; retrying")]
    private partial void LogSaveFailed(Exception exception, string tenant);
}
