using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// Makes workflows progress within seconds of a silo's death instead of at their next reminder tick: it
/// follows cluster membership and, when a silo is declared dead, asks every shard of the in-flight index to
/// wake its workflows (which then reactivate on live silos and hand lost steps to agents again). Every silo
/// runs it; the shards ignore an incident they already handled. When a silo starts alone (a full restart),
/// it wakes everything once too, so work left running resumes untouched.
/// </summary>
public sealed partial class WorkflowRecoveryService(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    IOptions<WorkflowOptions> options,
    ILogger<WorkflowRecoveryService> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(WorkflowRecoveryService), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var current = membership.CurrentSnapshot;
        var dead = current.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
        if (current.Members.Values.Count(m => m.Status == SiloStatus.Active) <= 1)
        {
            await WakeAllAsync($"start of {localSilo.SiloAddress}", cancellationToken);
        }

        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                foreach (var silo in newlyDead) await WakeAllAsync($"death of {silo.SiloAddress}", cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeAllAsync(string incident, CancellationToken cancellationToken)
    {
        LogWaking(incident);
        var shards = Enumerable.Range(0, options.Value.IndexShards);
        await Parallel.ForEachAsync(shards, cancellationToken, async (shard, _) =>
        {
            try
            {
                await grains.GetGrain<IWorkflowIndexGrain>(shard).RecoverAsync(incident);
            }
            catch (Exception ex)
            {
                LogShardFailed(ex, shard, incident); // the workflows' resume reminders remain the backstop
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waking in-flight workflows after {Incident}")]
    private partial void LogWaking(string incident);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index shard {Shard} could not wake its workflows after {Incident}")]
    private partial void LogShardFailed(Exception exception, int shard, string incident);
}
