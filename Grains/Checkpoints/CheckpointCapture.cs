using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>What a session hands its <see cref="ICheckpointCatalogGrain"/> to checkpoint: a copy of its record, taken in its own turn, and why.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CheckpointCapture")]
public sealed record CheckpointCapture
{
    /// <summary>Gets the session's record: a private copy, its outbox emptied, that nothing changes any more.</summary>
    [Id(0)] public SessionState Session { get; init; } = new();

    /// <summary>Gets why the checkpoint is taken.</summary>
    [Id(1)] public CheckpointKind Kind { get; init; }

    /// <summary>Gets the reason or label given with it.</summary>
    [Id(2)] public string? Reason { get; init; }
}
