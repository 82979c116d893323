namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>A proposed content compared with a workspace file (<see cref="IWorkspaceGrain.DiffAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkspaceDiff")]
public sealed record WorkspaceDiff
{
    /// <summary>Gets the normalised path.</summary>
    [Id(0)] public string Path { get; init; } = "";

    /// <summary>Gets whether the file exists now.</summary>
    [Id(1)] public bool Exists { get; init; }

    /// <summary>Gets whether the proposed content differs from the current one.</summary>
    [Id(2)] public bool Changed { get; init; }

    /// <summary>Gets the unified diff from the current to the proposed content; empty when nothing changes.</summary>
    [Id(3)] public string UnifiedDiff { get; init; } = "";
}
