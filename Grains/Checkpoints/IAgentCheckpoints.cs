using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// An agent's part in checkpoints (the same grain as <see cref="Interfaces.Agents.IAgentGrain"/>, keyed
/// <c>{tenant}/{session}/{agent}</c>): export its statistics and every memory tier, and restore them. A role interface in
/// Grains, not on the contract, because memory items are the grains' own type.
/// </summary>
[TenantScoped("sessions/{0}/agents/{1}")]
public interface IAgentCheckpoints : IGrainWithStringKey
{
    /// <summary>Gets the agent's statistics and all its memory (working, short-term, long-term) with importance and access statistics.</summary>
    [SystemOnly]
    Task<AgentCheckpoint> ExportAsync();

    /// <summary>
    /// Restores <paramref name="checkpoint"/>: with <paramref name="replace"/> the agent becomes exactly what it was (a branch);
    /// without, the checkpoint's items it lacks are added back and of an item both have the more recently used is kept, statistics never going down (recovery).
    /// Saved like any memory change, behind the work.
    /// </summary>
    [SystemOnly]
    Task RestoreAsync(AgentCheckpoint checkpoint, bool replace);
}
