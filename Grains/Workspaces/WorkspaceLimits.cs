using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Workspaces;

/// <summary>Decides whether a write fits a workspace's limits (<see cref="WorkspaceOptions"/>), before anything is stored.</summary>
public static class WorkspaceLimits
{
    /// <summary>Gets why writing <paramref name="size"/> bytes at <paramref name="path"/> is refused, or <see langword="null"/> when it fits.</summary>
    /// <param name="files">The workspace's files now, by normalised path.</param>
    /// <param name="path">The normalised path written.</param>
    /// <param name="size">The new content's size in bytes.</param>
    /// <param name="options">The limits.</param>
    public static (CommandOutcome Outcome, string Error)? RefusalFor(IReadOnlyDictionary<string, WorkspaceFile> files, string path, long size, WorkspaceOptions options)
    {
        if (size > options.MaxFileBytes)
            return (CommandOutcome.Invalid, $"'{path}' has {size:N0} bytes; a workspace file may have at most {options.MaxFileBytes:N0} (TDeveloper:Workspaces:MaxFileBytes).");

        var replaced = files.TryGetValue(path, out var current) ? current.Size : 0;
        if (current is null && files.Count >= options.MaxFiles)
            return (CommandOutcome.Conflict, $"The workspace already holds {files.Count:N0} files, its limit (TDeveloper:Workspaces:MaxFiles); '{path}' was not written.");

        var total = files.Values.Sum(f => f.Size) - replaced + size;
        if (total > options.MaxTotalBytes)
            return (CommandOutcome.Conflict, $"Writing '{path}' would bring the workspace to {total:N0} bytes; its limit is {options.MaxTotalBytes:N0} (TDeveloper:Workspaces:MaxTotalBytes). Nothing was written.");

        return null;
    }
}
