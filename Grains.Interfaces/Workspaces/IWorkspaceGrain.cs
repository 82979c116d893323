using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Workspaces;

/// <summary>
/// The files of one session, which its agents read and write through tools; keyed by the session key
/// (<c>{tenant}/{session}</c>, <see cref="GrainKeys.Session"/>). Bounded in file size, total size and file count.
/// </summary>
/// <remarks>
/// Paths are checked by <see cref="WorkspacePath"/>. A file body is stored before the index names it, so a crash
/// never shows a half-written file: at worst an unreferenced body is left in the store.
/// </remarks>
[TenantScoped("sessions/{0}/workspace")]
public interface IWorkspaceGrain : IGrainWithStringKey
{
    /// <summary>Gets every file, ordered by path.</summary>
    [RequiresPermission(Permissions.WorkspacesRead)]
    Task<ImmutableArray<WorkspaceFile>> ListAsync();

    /// <summary>Gets one file with its content, or <see langword="null"/> when there is none at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path is not a valid workspace path.</exception>
    [RequiresPermission(Permissions.WorkspacesRead)]
    Task<WorkspaceFileContent?> ReadAsync(string path);

    /// <summary>Creates or replaces a file. Writing the content a file already has changes nothing, so a retried write is harmless.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the file and whether its content changed;
    /// <see cref="CommandOutcome.Invalid"/> for a bad path or a file over the size limit;
    /// <see cref="CommandOutcome.Conflict"/> when the workspace would exceed its total size or file count.
    /// </returns>
    [SystemOnly]
    Task<CommandResult<WorkspaceWrite>> WriteAsync(WorkspaceWriteInput input);

    /// <summary>Deletes a file.</summary>
    /// <returns><see cref="CommandOutcome.Ok"/> with the deleted file; <see cref="CommandOutcome.NotFound"/>; <see cref="CommandOutcome.Invalid"/> for a bad path.</returns>
    [SystemOnly]
    Task<CommandResult<WorkspaceFile>> DeleteAsync(string path);

    /// <summary>Compares a proposed content with a file's current content (empty when there is no file) as a unified diff; changes nothing.</summary>
    /// <returns><see cref="CommandOutcome.Ok"/> with the diff; <see cref="CommandOutcome.Invalid"/> for a bad path.</returns>
    [RequiresPermission(Permissions.WorkspacesRead)]
    Task<CommandResult<WorkspaceDiff>> DiffAsync(string path, string proposedContent);

    /// <summary>Gets the whole workspace as a zip archive, one entry per file; bounded by the workspace's total size limit.</summary>
    [RequiresPermission(Permissions.WorkspacesRead)]
    Task<byte[]> ZipAsync();
}
