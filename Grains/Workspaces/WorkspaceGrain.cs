using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Workspaces;

/// <summary>
/// A session's workspace: the index (path → size, hash, writer) in grain state, the bodies in the <see cref="IWorkspaceStore"/>
/// under content-addressed keys, sealed (<see cref="WorkspaceBodies"/>). A write stores the body first and then the index, so a crash between the two leaves
/// only an unreferenced body behind (never a half-written file); a body no file names any more is deleted after the
/// index is saved, best effort, for the same reason.
/// </summary>
/// <remarks>Not reentrant: writes are serialised, so limits are checked against the index they change.</remarks>
public sealed partial class WorkspaceGrain(
    [PersistentState("workspace", StorageNames.State)] IPersistentState<WorkspaceState> state,
    IWorkspaceStore store,
    IFieldProtector protector,
    IOptions<WorkspaceOptions> options,
    TimeProvider time,
    ILogger<WorkspaceGrain> logger) : DurableGrain, IWorkspaceGrain
{
    private readonly WorkspaceBodies _bodies = new(store, protector);

    private Dictionary<string, WorkspaceFile> Files => state.State.Files;

    private string SessionKey => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public Task<ImmutableArray<WorkspaceFile>> ListAsync() =>
        Task.FromResult(Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToImmutableArray());

    /// <inheritdoc/>
    public async Task<WorkspaceFileContent?> ReadAsync(string path)
    {
        path = WorkspacePath.Normalize(path);
        return Files.TryGetValue(path, out var file) ? new WorkspaceFileContent { File = file, Content = await BodyOfAsync(file) } : null;
    }

    /// <inheritdoc/>
    public async Task<CommandResult<WorkspaceWrite>> WriteAsync(WorkspaceWriteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!WorkspacePath.TryNormalize(input.Path, out var path, out var error)) return CommandResult<WorkspaceWrite>.Refused(CommandOutcome.Invalid, error);

        var hash = WorkspaceBlobKey.HashOf(input.Content);
        Files.TryGetValue(path, out var current);
        if (current?.Hash == hash) return CommandResult<WorkspaceWrite>.Ok(new WorkspaceWrite { File = current, Changed = false });
        if (WorkspaceLimits.RefusalFor(Files, path, input.Content.LongLength, options.Value) is { } refusal)
            return CommandResult<WorkspaceWrite>.Refused(refusal.Outcome, refusal.Error);

        await _bodies.PutAsync(WorkspaceBlobKey.For(SessionKey, hash), input.Content, CancellationToken.None);
        var file = new WorkspaceFile { Path = path, Size = input.Content.LongLength, Hash = hash, Modified = time.GetUtcNow(), Writer = input.Writer };
        Files[path] = file;
        await WriteOrReloadAsync(state);
        if (current is not null) await ForgetBodyAsync(current.Hash);
        return CommandResult<WorkspaceWrite>.Ok(new WorkspaceWrite { File = file, Changed = true });
    }

    /// <inheritdoc/>
    public async Task<CommandResult<WorkspaceFile>> DeleteAsync(string path)
    {
        if (!WorkspacePath.TryNormalize(path, out var normalized, out var error)) return CommandResult<WorkspaceFile>.Refused(CommandOutcome.Invalid, error);
        if (!Files.Remove(normalized, out var file)) return CommandResult<WorkspaceFile>.Refused(CommandOutcome.NotFound, $"The workspace has no file '{normalized}'.");
        await WriteOrReloadAsync(state);
        await ForgetBodyAsync(file.Hash);
        return CommandResult<WorkspaceFile>.Ok(file);
    }

    /// <inheritdoc/>
    public async Task<CommandResult<WorkspaceDiff>> DiffAsync(string path, string proposedContent)
    {
        ArgumentNullException.ThrowIfNull(proposedContent);
        if (!WorkspacePath.TryNormalize(path, out var normalized, out var error)) return CommandResult<WorkspaceDiff>.Refused(CommandOutcome.Invalid, error);
        var current = Files.TryGetValue(normalized, out var file) ? Encoding.UTF8.GetString(await BodyOfAsync(file)) : null;
        var diff = WorkspaceDiffer.Unified(normalized, current, proposedContent);
        return CommandResult<WorkspaceDiff>.Ok(new WorkspaceDiff { Path = normalized, Exists = file is not null, Changed = current != proposedContent, UnifiedDiff = diff });
    }

    /// <inheritdoc/>
    public async Task<byte[]> ZipAsync()
    {
        var files = new List<WorkspaceFileContent>(Files.Count);
        foreach (var file in Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            files.Add(new WorkspaceFileContent { File = file, Content = await BodyOfAsync(file) });
        }

        return WorkspaceZip.Create(files);
    }

    private async Task<byte[]> BodyOfAsync(WorkspaceFile file) =>
        await _bodies.GetAsync(WorkspaceBlobKey.For(SessionKey, file.Hash), file.Hash, CancellationToken.None)
            ?? throw new InvalidOperationException($"The body of workspace file '{file.Path}' ({file.Hash}) is missing from the store.");

    /// <summary>Deletes a body no file names any more; a failure only leaves an orphan behind, so it is logged, not thrown.</summary>
    private async Task ForgetBodyAsync(string hash)
    {
        if (Files.Values.Any(f => f.Hash == hash)) return;
        try
        {
            await _bodies.DeleteAsync(WorkspaceBlobKey.For(SessionKey, hash), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogOrphanLeft(logger, ex, SessionKey, hash);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {SessionKey} could not delete the unreferenced body {Hash}; it stays in the store as an orphan")]
    private static partial void LogOrphanLeft(ILogger logger, Exception exception, string sessionKey, string hash);
}
