using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// A shard of the in-flight workflow index. Reentrant so that additions and removals arriving together are
/// written once (<see cref="GroupCommit"/>) and a recovery sweep does not block them; state changes happen
/// only between awaits.
/// </summary>
[Reentrant]
public sealed partial class WorkflowIndexGrain : DurableGrain, IWorkflowIndexGrain
{
    private const int ConcurrentWakeUps = 16;
    private readonly IPersistentState<WorkflowIndexState> _state;
    private readonly ILogger<WorkflowIndexGrain> _logger;
    private readonly GroupCommit _commit;
    private readonly HashSet<string> _handledIncidents = [];

    /// <summary>Creates the shard with its persisted state.</summary>
    public WorkflowIndexGrain([PersistentState("index", StorageNames.State)] IPersistentState<WorkflowIndexState> state, ILogger<WorkflowIndexGrain> logger)
    {
        _state = state;
        _logger = logger;
        _commit = new GroupCommit(() => WriteOrReloadAsync(_state));
    }

    /// <inheritdoc/>
    public Task AddAsync(string workflowKey) => _state.State.Workflows.Add(workflowKey) ? _commit.CommitAsync() : Task.CompletedTask;

    /// <inheritdoc/>
    public Task RemoveAsync(string workflowKey) => _state.State.Workflows.Remove(workflowKey) ? _commit.CommitAsync() : Task.CompletedTask;

    /// <inheritdoc/>
    public Task RecoverAsync(string incident)
    {
        if (!_handledIncidents.Add(incident)) return Task.CompletedTask;
        _ = WakeAllAsync(incident);
        return Task.CompletedTask;
    }

    private async Task WakeAllAsync(string incident)
    {
        var workflows = _state.State.Workflows.ToArray();
        LogWaking(this.GetPrimaryKeyLong(), workflows.Length, incident);
        var finished = new List<string>();
        foreach (var chunk in workflows.Chunk(ConcurrentWakeUps))
        {
            await Task.WhenAll(chunk.Select(async key =>
            {
                try
                {
                    if (!await GrainFactory.GetGrain<IWorkflowCallbacks>(key).RecoverAsync()) finished.Add(key);
                }
                catch (Exception ex)
                {
                    LogWakeFailed(ex, key); // its resume reminder remains the backstop
                }
            }));
        }

        if (finished.Count > 0 && finished.Count(_state.State.Workflows.Remove) > 0) await _commit.CommitAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow index shard {Shard} is waking {Count} workflows after {Incident}")]
    private partial void LogWaking(long shard, int count, string incident);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake workflow {WorkflowKey} after a silo loss")]
    private partial void LogWakeFailed(Exception exception, string workflowKey);
}
