using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Sessions;

// SEAM (replaced by the checkpoint work): the checkpoint, branch and recovery members of ISessionGrain.
public sealed partial class SessionGrain
{
    /// <inheritdoc/>
    public Task<CommandResult<CheckpointInfo>> CheckpointAsync(string? label) => throw new NotSupportedException("Checkpoints are not built yet.");

    /// <inheritdoc/>
    public Task<ImmutableArray<CheckpointInfo>> ListCheckpointsAsync() => Task.FromResult(ImmutableArray<CheckpointInfo>.Empty);

    /// <inheritdoc/>
    public Task<CommandResult<SessionSnapshot>> BranchAsync(BranchSessionInput input) => throw new NotSupportedException("Branches are not built yet.");

    /// <inheritdoc/>
    public Task<RecoveryResult> RecoverAsync() => Task.FromResult(new RecoveryResult { Outcome = RecoveryOutcome.NothingToRecover });
}
