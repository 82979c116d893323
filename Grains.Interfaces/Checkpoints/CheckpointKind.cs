namespace TDeveloper.Grains.Interfaces.Checkpoints;

/// <summary>Why a checkpoint was taken.</summary>
public enum CheckpointKind
{
    /// <summary>By the session's checkpoint reminder (every <c>TDeveloper:Sessions:CheckpointInterval</c>, 5 min by default).</summary>
    Scheduled,

    /// <summary>On a significant change: a step finished, memory promoted, the session paused or ended.</summary>
    Change,

    /// <summary>Asked for through the API or the client.</summary>
    Manual,
}
