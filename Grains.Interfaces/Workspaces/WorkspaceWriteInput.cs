namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>The input of <see cref="IWorkspaceGrain.WriteAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkspaceWriteInput")]
public sealed record WorkspaceWriteInput
{
    /// <summary>Gets the path to write, checked by <see cref="WorkspacePath"/>.</summary>
    [Id(0)] public required string Path { get; init; }

    /// <summary>Gets the whole new content; not to be modified.</summary>
    [Id(1)] public required byte[] Content { get; init; }

    /// <summary>Gets who writes, e.g. a step attempt's idempotency key; kept with the file.</summary>
    [Id(2)] public string Writer { get; init; } = "";
}
