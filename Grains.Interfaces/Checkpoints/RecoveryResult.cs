namespace TDeveloper.Grains.Interfaces.Checkpoints;

/// <summary>How an attempt to recover a session from its checkpoints ended.</summary>
public enum RecoveryOutcome
{
    /// <summary>Restored from the checkpoint named in the result.</summary>
    Recovered,

    /// <summary>The session has no checkpoint to restore (or has ended): nothing was changed.</summary>
    NothingToRecover,

    /// <summary>Every kept checkpoint failed its hash or decryption check: nothing was changed.</summary>
    NoValidCheckpoint,
}

/// <summary>The result of <see cref="Sessions.ISessionGrain.RecoverAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RecoveryResult")]
public sealed record RecoveryResult
{
    /// <summary>Gets how it ended.</summary>
    [Id(0)] public RecoveryOutcome Outcome { get; init; }

    /// <summary>Gets the checkpoint restored, when <see cref="RecoveryOutcome.Recovered"/>.</summary>
    [Id(1)] public string? CheckpointId { get; init; }

    /// <summary>Gets the ids of newer checkpoints skipped as corrupt (hash or decryption failed), newest first.</summary>
    [Id(2)] public System.Collections.Immutable.ImmutableArray<string> Skipped { get; init; } = [];
}
