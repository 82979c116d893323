using System.Collections.Immutable;
using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// The checkpoints of one session (keyed by the session key): takes them (gathering agents, workflows and workspace),
/// stores their bodies, keeps their metadata and applies retention; reads them back verified. Only the session calls it.
/// </summary>
/// <remarks>
/// Its own grain rather than the session's state: the session's record is written on every command and stays small, and
/// the blob I/O of a checkpoint runs in this activation's turns, not the session's.
/// </remarks>
[TenantScoped("sessions/{0}/checkpoints")]
public interface ICheckpointCatalogGrain : IGrainWithStringKey
{
    /// <summary>Takes a checkpoint of the captured session now and returns its metadata once body and index are stored.</summary>
    [SystemOnly]
    Task<CheckpointInfo> TakeAsync(CheckpointCapture capture);

    /// <summary>Takes a checkpoint without the caller waiting; reports to the session (<see cref="ISessionCheckpoints"/>) when it is stored or has failed.</summary>
    [SystemOnly, OneWay]
    Task TakeInBackgroundAsync(CheckpointCapture capture);

    /// <summary>Gets the kept checkpoints, newest first.</summary>
    [SystemOnly]
    Task<ImmutableArray<CheckpointInfo>> ListAsync();

    /// <summary>Reads and verifies one kept checkpoint: <see langword="null"/> when it is not kept; without a body (and with the defect) when it fails its checks.</summary>
    [SystemOnly]
    Task<CheckpointRead?> ReadAsync(string checkpointId);

    /// <summary>Reads the newest kept checkpoint that passes its checks, skipping (and logging) corrupt ones.</summary>
    [SystemOnly]
    Task<CheckpointRecovery> ReadLatestValidAsync();

    /// <summary>Gets the copy of a workspace file body the checkpoints hold, by its SHA-256; <see langword="null"/> when it is missing or does not open.</summary>
    [SystemOnly]
    Task<byte[]?> ReadFileAsync(string hash);
}

/// <summary>A kept checkpoint read back: its metadata, and its body when it passed its checks, else why not.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CheckpointRead")]
public sealed record CheckpointRead
{
    /// <summary>Gets the metadata.</summary>
    [Id(0)] public CheckpointInfo Info { get; init; } = new();

    /// <summary>Gets the decoded body; <see langword="null"/> when the checkpoint failed its checks.</summary>
    [Id(1)] public CheckpointBody? Body { get; init; }

    /// <summary>Gets what failed, when <see cref="Body"/> is <see langword="null"/>.</summary>
    [Id(2)] public CheckpointDefect? Defect { get; init; }

    /// <summary>Gets why it failed, for a person to read.</summary>
    [Id(3)] public string? Error { get; init; }
}

/// <summary>The newest valid checkpoint, if any, and the newer ones skipped as corrupt.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CheckpointRecovery")]
public sealed record CheckpointRecovery
{
    /// <summary>Gets the newest checkpoint that passed its checks; <see langword="null"/> when none did or there is none.</summary>
    [Id(0)] public CheckpointRead? Latest { get; init; }

    /// <summary>Gets the ids of the newer checkpoints refused as corrupt, newest first.</summary>
    [Id(1)] public ImmutableArray<string> Skipped { get; init; } = [];

    /// <summary>Gets how many checkpoints were kept.</summary>
    [Id(2)] public int Kept { get; init; }
}
