using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Client;

/// <summary>The checkpoint members of <see cref="ITDeveloperClient"/>.</summary>
public sealed partial class TDeveloperClient
{
    /// <inheritdoc />
    public Task<CommandResult<CheckpointInfo>> CheckpointSessionAsync(string tenant, string sessionId, string? label, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).CheckpointAsync(label).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<ImmutableArray<CheckpointInfo>?> ListCheckpointsAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        if (await GetSessionAsync(tenant, sessionId, cancellationToken) is null) return null;
        return await Session(tenant, sessionId).ListCheckpointsAsync().WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> BranchSessionAsync(string tenant, string sessionId, BranchSessionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!GrainKeys.IsValidSegment(input.CheckpointId)) throw new ArgumentException($"'{input.CheckpointId}' is not a valid checkpoint id.", nameof(input));
        if (string.IsNullOrEmpty(input.NewSessionId)) input = input with { NewSessionId = GrainKeys.NewSessionId() };
        return Session(tenant, sessionId).BranchAsync(input).WaitAsync(cancellationToken);
    }
}
