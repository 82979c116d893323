namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>A workspace file with its content.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkspaceFileContent")]
public sealed record WorkspaceFileContent
{
    /// <summary>Gets the file.</summary>
    [Id(0)] public required WorkspaceFile File { get; init; }

    /// <summary>Gets the content; not to be modified.</summary>
    [Id(1)] public required byte[] Content { get; init; }
}
