namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>The result of a carried-out <see cref="IWorkspaceGrain.WriteAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkspaceWrite")]
public sealed record WorkspaceWrite
{
    /// <summary>Gets the file after the write.</summary>
    [Id(0)] public required WorkspaceFile File { get; init; }

    /// <summary>Gets whether the content changed: <see langword="false"/> when the file already had it.</summary>
    [Id(1)] public bool Changed { get; init; }
}
