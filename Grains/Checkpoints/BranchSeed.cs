using TDeveloper.Grains.Interfaces.Checkpoints;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>What a new branch session starts from: a verified checkpoint of its source and who asked.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.BranchSeed")]
public sealed record BranchSeed
{
    /// <summary>Gets the source session's key (<c>{tenant}/{session}</c>).</summary>
    [Id(0)] public string SourceSessionKey { get; init; } = "";

    /// <summary>Gets the checkpoint's metadata.</summary>
    [Id(1)] public CheckpointInfo Checkpoint { get; init; } = new();

    /// <summary>Gets the decoded checkpoint.</summary>
    [Id(2)] public CheckpointBody Body { get; init; } = new();

    /// <summary>Gets the branch's owner.</summary>
    [Id(3)] public string Owner { get; init; } = "";

    /// <summary>Gets the branch's title.</summary>
    [Id(4)] public string? Title { get; init; }
}
