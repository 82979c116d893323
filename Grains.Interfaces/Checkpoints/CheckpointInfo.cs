namespace TDeveloper.Grains.Interfaces.Checkpoints;

/// <summary>
/// The metadata of one checkpoint of a session: its body (serialised, compressed, encrypted) lives in blob storage under
/// <see cref="BlobKey"/>; this record lives in grain storage.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.CheckpointInfo")]
public sealed record CheckpointInfo
{
    /// <summary>Gets the checkpoint's id, unique within its session and ordered by time.</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the id (without tenant) of the session it captures.</summary>
    [Id(1)] public string SessionId { get; init; } = "";

    /// <summary>Gets when it was taken.</summary>
    [Id(2)] public DateTimeOffset TakenAt { get; init; }

    /// <summary>Gets why it was taken.</summary>
    [Id(3)] public CheckpointKind Kind { get; init; }

    /// <summary>Gets the reason given with it (e.g. the step that finished, or the caller's label), if any.</summary>
    [Id(4)] public string? Reason { get; init; }

    /// <summary>Gets the size of the stored body in bytes.</summary>
    [Id(5)] public long SizeBytes { get; init; }

    /// <summary>Gets the SHA-256 of the stored body, lowercase hex: a body that does not hash to it is not restored.</summary>
    [Id(6)] public string Sha256 { get; init; } = "";

    /// <summary>Gets the id of the master key that wrapped the body's data key.</summary>
    [Id(7)] public string KeyId { get; init; } = "";

    /// <summary>Gets the blob key of the body.</summary>
    [Id(8)] public string BlobKey { get; init; } = "";
}
