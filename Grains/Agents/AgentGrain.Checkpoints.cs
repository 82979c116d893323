using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Checkpoints;

namespace TDeveloper.Grains.Agents;

/// <summary>The agent's part in session checkpoints: export and restore of its statistics and every memory tier.</summary>
public sealed partial class AgentGrain : IAgentCheckpoints
{
    /// <inheritdoc/>
    public Task<AgentCheckpoint> ExportAsync()
    {
        var state = _state.State;
        return Task.FromResult(new AgentCheckpoint
        {
            Name = InstanceName,
            TasksCompleted = state.TasksCompleted,
            TasksFailed = state.TasksFailed,
            TotalModelTime = state.TotalModelTime,
            TotalTokens = state.TotalTokens,
            Memory = [.. _memory.Items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)],
        });
    }

    /// <inheritdoc/>
    public Task RestoreAsync(AgentCheckpoint checkpoint, bool replace)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var state = _state.State;
        var now = _time.GetUtcNow();
        if (replace)
        {
            _memory = AgentMemory.Restore(_memoryOptions, checkpoint.Memory, now);
            state.TasksCompleted = checkpoint.TasksCompleted;
            state.TasksFailed = checkpoint.TasksFailed;
            state.TotalModelTime = checkpoint.TotalModelTime;
            state.TotalTokens = checkpoint.TotalTokens;
        }
        else
        {
            // Per item, the later of what the agent holds (its stored long-term memory) and what the checkpoint has.
            _memory = AgentMemory.Restore(_memoryOptions, AgentMemory.Merge(_memory.Items, checkpoint.Memory), now);
            state.TasksCompleted = Math.Max(state.TasksCompleted, checkpoint.TasksCompleted);
            state.TasksFailed = Math.Max(state.TasksFailed, checkpoint.TasksFailed);
            state.TotalModelTime = state.TotalModelTime > checkpoint.TotalModelTime ? state.TotalModelTime : checkpoint.TotalModelTime;
            state.TotalTokens = Math.Max(state.TotalTokens, checkpoint.TotalTokens);
        }

        state.LongTermMemory = [.. _memory.LongTerm];
        // The one writer of the state is the save timer (the grain is reentrant); it also runs at deactivation.
        _save ??= this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(_options.SaveInterval, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }
}
