using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>What the checkpoint machinery tells a session, and how a branch session is started (the same grain as <see cref="ISessionGrain"/>); not part of the client contract.</summary>
[TenantScoped("sessions/{0}")]
public interface ISessionCheckpoints : IGrainWithStringKey
{
    /// <summary>A background checkpoint of this session was stored. One way: the catalog never waits on the session.</summary>
    [SystemOnly, OneWay]
    Task OnCheckpointTakenAsync(CheckpointInfo checkpoint);

    /// <summary>A background checkpoint of this session failed; nothing was stored. One way, as <see cref="OnCheckpointTakenAsync"/>.</summary>
    [SystemOnly, OneWay]
    Task OnCheckpointFailedAsync(CheckpointKind kind, string error);

    /// <summary>Creates this session as a branch of another's checkpoint: admitted within the limits, then its agents and workspace restored.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the new session; <see cref="CommandOutcome.Conflict"/> when this session exists already;
    /// <see cref="CommandOutcome.LimitReached"/> when the concurrent-session limits are reached (nothing is created).
    /// </returns>
    [SystemOnly]
    Task<CommandResult<SessionSnapshot>> StartBranchAsync(BranchSeed seed);
}
