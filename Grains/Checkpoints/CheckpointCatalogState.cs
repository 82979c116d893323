using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Checkpoints;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>The persisted index of a session's checkpoints: their metadata, the workspace file copies they share, and blobs still to delete.</summary>
[GenerateSerializer, Alias("TDeveloper.CheckpointCatalogState")]
public sealed class CheckpointCatalogState
{
    /// <summary>Gets or sets the kept checkpoints, oldest first.</summary>
    [Id(0)] public List<CheckpointEntry> Checkpoints { get; set; } = [];

    /// <summary>Gets or sets the SHA-256 of every workspace file body copied into the checkpoint store.</summary>
    [Id(1)] public List<string> StoredFiles { get; set; } = [];

    /// <summary>Gets or sets the blob keys dropped from the index but not yet known to be deleted; deleting again is harmless.</summary>
    [Id(2)] public List<string> PendingDeletes { get; set; } = [];
}

/// <summary>One kept checkpoint in the index.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CheckpointEntry")]
public sealed record CheckpointEntry
{
    /// <summary>Gets the metadata.</summary>
    [Id(0)] public CheckpointInfo Info { get; init; } = new();

    /// <summary>Gets the SHA-256 of each workspace file the checkpoint's manifest names, so a copy is deleted when no kept checkpoint needs it.</summary>
    [Id(1)] public ImmutableArray<string> FileHashes { get; init; } = [];
}
