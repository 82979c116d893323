namespace TDeveloper.Grains.Interfaces.Checkpoints;

/// <summary>Input of <see cref="Sessions.ISessionGrain.BranchAsync"/>: the checkpoint to start from and the new session.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.BranchSessionInput")]
public sealed record BranchSessionInput
{
    /// <summary>Gets the id of the kept checkpoint of this session to restore.</summary>
    [Id(0)] public string CheckpointId { get; init; } = "";

    /// <summary>Gets the id (without tenant) of the new branch session.</summary>
    [Id(1)] public string NewSessionId { get; init; } = "";

    /// <summary>Gets the owner of the branch (the caller).</summary>
    [Id(2)] public string Owner { get; init; } = "";

    /// <summary>Gets the branch's title; by default the source's title with the checkpoint named.</summary>
    [Id(3)] public string? Title { get; init; }
}
