using TDeveloper.Grains.Interfaces.Checkpoints;

namespace TDeveloper.Grains.Sessions.Recovery;

/// <summary>What the recovery queue tells a session after an attempt to recover it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.RecoveryAttempt")]
public sealed record RecoveryAttempt
{
    /// <summary>Gets the attempt's number, from 1.</summary>
    [Id(0)] public int Attempt { get; init; }

    /// <summary>Gets how many attempts the session gets.</summary>
    [Id(1)] public int MaxAttempts { get; init; }

    /// <summary>Gets the result of <c>RecoverAsync</c>, when it returned one.</summary>
    [Id(2)] public RecoveryResult? Result { get; init; }

    /// <summary>Gets why the attempt failed, when it did.</summary>
    [Id(3)] public string? Error { get; init; }

    /// <summary>Gets whether that was the last attempt and it failed: the session is to end as failed.</summary>
    [Id(4)] public bool Final { get; init; }

    /// <summary>Gets when the next attempt is due, after a failure that was not the last.</summary>
    [Id(5)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Gets whether the attempt succeeded.</summary>
    public bool Succeeded => Error is null;
}
