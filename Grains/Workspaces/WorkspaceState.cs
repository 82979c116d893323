using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Grains.Workspaces;

/// <summary>The persisted index of a workspace: which files exist and which body each names. Bodies live in the <see cref="IWorkspaceStore"/>.</summary>
[GenerateSerializer, Alias("TDeveloper.WorkspaceState")]
public sealed class WorkspaceState
{
    /// <summary>Gets or sets the files by normalised path.</summary>
    [Id(0)] public Dictionary<string, WorkspaceFile> Files { get; set; } = new(StringComparer.Ordinal);
}
