namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>One file of a session's workspace, as its index describes it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkspaceFile")]
public sealed record WorkspaceFile
{
    /// <summary>Gets the normalised path, relative to the workspace, '/'-separated.</summary>
    [Id(0)] public string Path { get; init; } = "";

    /// <summary>Gets the size of the content, in bytes.</summary>
    [Id(1)] public long Size { get; init; }

    /// <summary>Gets the SHA-256 of the content, lowercase hex.</summary>
    [Id(2)] public string Hash { get; init; } = "";

    /// <summary>Gets when the content last changed.</summary>
    [Id(3)] public DateTimeOffset Modified { get; init; }

    /// <summary>Gets who last changed the content, e.g. a step attempt's idempotency key.</summary>
    [Id(4)] public string Writer { get; init; } = "";
}
