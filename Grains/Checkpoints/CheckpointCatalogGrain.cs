using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>
/// A session's checkpoints (see <see cref="ICheckpointCatalogGrain"/>). Taking one gathers the session's workflows, the agents
/// their steps used and the workspace manifest, copies workspace file bodies it does not hold yet, stores the encoded body,
/// and only then writes the index (body first, then index: a crash leaves at most an unreferenced blob, never metadata
/// naming nothing). Retention runs with every take; dropped blobs are deleted after the index no longer names them, and
/// blobs a crash left unreferenced are swept at the first take of each activation.
/// </summary>
/// <remarks>Not reentrant: takes, reads and deletes are serialised, so the index and the store never race.</remarks>
public sealed partial class CheckpointCatalogGrain(
    [PersistentState("checkpoints", StorageNames.State)] IPersistentState<CheckpointCatalogState> state,
    ICheckpointBlobStore store,
    CheckpointCodec codec,
    IOptions<CheckpointOptions> options,
    TimeProvider time,
    ILogger<CheckpointCatalogGrain> logger) : DurableGrain, ICheckpointCatalogGrain
{
    private readonly Dictionary<string, WorkflowSnapshot> _finishedWorkflows = new(StringComparer.Ordinal);
    private bool _swept;

    private CheckpointCatalogState State => state.State;

    private string SessionKey => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public async Task<CheckpointInfo> TakeAsync(CheckpointCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var takenAt = time.GetUtcNow();
        string id;
        do id = CheckpointBlobKeys.NewId(takenAt);
        while (State.Checkpoints.Any(c => c.Info.Id == id));

        var workflows = await SnapshotWorkflowsAsync(capture.Session);
        var agents = await ExportAgentsAsync(workflows);
        var sessionMemory = await GrainFactory.GetGrain<ISessionMemoryCheckpoints>(SessionKey).ExportAsync();
        var manifest = await CopyWorkspaceAsync();
        var body = new CheckpointBody
        {
            Id = id, SessionKey = SessionKey, TakenAt = takenAt, Kind = capture.Kind, Reason = capture.Reason,
            Session = capture.Session, Agents = agents, SessionMemory = sessionMemory, Workflows = workflows, Workspace = manifest,
        };
        var encoded = await codec.EncodeAsync(body);
        var blobKey = CheckpointBlobKeys.Body(SessionKey, id);
        await store.PutAsync(blobKey, encoded.Bytes, CancellationToken.None);

        var info = new CheckpointInfo
        {
            Id = id, SessionId = GrainKeys.LocalIdOf(SessionKey), TakenAt = takenAt, Kind = capture.Kind, Reason = capture.Reason,
            SizeBytes = encoded.Bytes.LongLength, Sha256 = encoded.Sha256, KeyId = encoded.KeyId, BlobKey = blobKey,
        };
        State.Checkpoints.Add(new CheckpointEntry { Info = info, FileHashes = [.. manifest.Select(f => f.Hash).Distinct(StringComparer.Ordinal)] });
        Prune(takenAt);
        await WriteOrReloadAsync(state);
        await DeletePendingAsync();
        if (!_swept) await SweepOrphansAsync();

        var kind = new KeyValuePair<string, object?>("kind", capture.Kind.ToString());
        TDeveloperTelemetry.CheckpointsTaken.Add(1, kind);
        TDeveloperTelemetry.CheckpointBytes.Add(info.SizeBytes, kind);
        LogTaken(SessionKey, id, capture.Kind, info.SizeBytes, encoded.SerializedBytes, agents.Length, workflows.Length, manifest.Length);
        return info;
    }

    /// <inheritdoc/>
    public async Task TakeInBackgroundAsync(CheckpointCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var session = GrainFactory.GetGrain<ISessionCheckpoints>(SessionKey);
        CheckpointInfo info;
        try
        {
            info = await TakeAsync(capture);
        }
        catch (Exception ex)
        {
            LogTakeFailed(ex, SessionKey, capture.Kind);
            TDeveloperTelemetry.CheckpointsSkipped.Add(1, new KeyValuePair<string, object?>("reason", "failed"));
            await session.OnCheckpointFailedAsync(capture.Kind, $"{ex.GetType().Name}: {ex.Message}");
            return;
        }

        await session.OnCheckpointTakenAsync(info);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<CheckpointInfo>> ListAsync() =>
        Task.FromResult(State.Checkpoints.Select(c => c.Info).OrderByDescending(c => c.TakenAt).ThenByDescending(c => c.Id, StringComparer.Ordinal).ToImmutableArray());

    /// <inheritdoc/>
    public async Task<CheckpointRead?> ReadAsync(string checkpointId) =>
        State.Checkpoints.Find(c => c.Info.Id == checkpointId) is { } entry ? await ReadEntryAsync(entry.Info) : null;

    /// <inheritdoc/>
    public async Task<CheckpointRecovery> ReadLatestValidAsync()
    {
        var skipped = ImmutableArray.CreateBuilder<string>();
        var newestFirst = (await ListAsync()).ToList();
        foreach (var info in newestFirst)
        {
            var read = await ReadEntryAsync(info);
            if (read.Body is not null) return new CheckpointRecovery { Latest = read, Skipped = skipped.ToImmutable(), Kept = newestFirst.Count };
            LogSkipped(SessionKey, info.Id, read.Defect!.Value, read.Error!);
            TDeveloperTelemetry.CheckpointsSkipped.Add(1, new KeyValuePair<string, object?>("reason", "corrupt"));
            skipped.Add(info.Id);
        }

        return new CheckpointRecovery { Skipped = skipped.ToImmutable(), Kept = newestFirst.Count };
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadFileAsync(string hash)
    {
        try
        {
            return await codec.OpenFileAsync(SessionKey, hash, await store.GetAsync(CheckpointBlobKeys.File(SessionKey, hash), CancellationToken.None));
        }
        catch (CheckpointCorruptException ex)
        {
            LogFileRefused(SessionKey, hash, ex.Defect);
            return null;
        }
    }

    private async Task<CheckpointRead> ReadEntryAsync(CheckpointInfo info)
    {
        try
        {
            var bytes = await store.GetAsync(info.BlobKey, CancellationToken.None);
            return new CheckpointRead { Info = info, Body = await codec.DecodeAsync(bytes, info.Sha256, SessionKey, info.Id) };
        }
        catch (CheckpointCorruptException ex)
        {
            return new CheckpointRead { Info = info, Defect = ex.Defect, Error = ex.Message };
        }
    }

    /// <summary>The session's workflows as they stand; a finished one does not change, so it is read once per activation.</summary>
    private async Task<ImmutableArray<WorkflowSnapshot>> SnapshotWorkflowsAsync(Sessions.SessionState session)
    {
        var tenant = GrainKeys.TenantOf(SessionKey);
        var snapshots = await Task.WhenAll(session.Requests.Select(async request =>
        {
            if (_finishedWorkflows.TryGetValue(request.WorkflowId, out var finished)) return finished;
            var snapshot = await GrainFactory.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(tenant, request.WorkflowId)).GetAsync();
            return snapshot;
        }));
        foreach (var snapshot in snapshots)
        {
            if (snapshot is { } s && s.Status != WorkflowStatus.None && !s.Status.IsActive()) _finishedWorkflows[s.Id] = s;
        }

        return [.. snapshots.OfType<WorkflowSnapshot>()];
    }

    /// <summary>Exports every agent the workflows' steps used (keyed <c>{session}/{instance}</c>: every instance a step's latest attempt ran on).</summary>
    private async Task<ImmutableArray<AgentCheckpoint>> ExportAgentsAsync(ImmutableArray<WorkflowSnapshot> workflows)
    {
        var names = workflows.SelectMany(w => w.Steps).Where(s => s.Kind == StepKind.Agent && AgentNames.All.Contains(s.Agent))
            .Select(s => s.Instance ?? s.Agent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. await Task.WhenAll(names.Select(name => GrainFactory.GetGrain<IAgentCheckpoints>(GrainKeys.Agent(SessionKey, name)).ExportAsync()))];
    }

    /// <summary>
    /// The workspace manifest, with a sealed copy of every body the store does not hold yet: the workspace deletes a body
    /// no file names any more, so a checkpoint keeps its own copies (content-addressed, shared by all checkpoints).
    /// </summary>
    private async Task<ImmutableArray<WorkspaceFile>> CopyWorkspaceAsync()
    {
        var workspace = GrainFactory.GetGrain<IWorkspaceGrain>(SessionKey);
        var stored = State.StoredFiles.ToHashSet(StringComparer.Ordinal);
        var manifest = ImmutableArray.CreateBuilder<WorkspaceFile>();
        foreach (var file in await workspace.ListAsync())
        {
            if (stored.Contains(file.Hash))
            {
                manifest.Add(file);
                continue;
            }

            if (await workspace.ReadAsync(file.Path) is not { } read) continue; // deleted since the listing
            var hash = read.File.Hash; // the file as read, which may be newer than the listing
            if (stored.Add(hash))
            {
                await store.PutAsync(CheckpointBlobKeys.File(SessionKey, hash), await codec.SealFileAsync(SessionKey, hash, read.Content), CancellationToken.None);
                State.StoredFiles.Add(hash);
            }

            manifest.Add(read.File);
        }

        return manifest.ToImmutable();
    }

    /// <summary>Applies retention to the index: dropped checkpoints, and file copies no kept one names, go to the pending deletes.</summary>
    private void Prune(DateTimeOffset now)
    {
        var (kept, dropped) = CheckpointRetention.Apply(State.Checkpoints.Select(c => c.Info), now, options.Value);
        if (dropped.IsEmpty) return;
        var keptIds = kept.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        State.Checkpoints.RemoveAll(c => !keptIds.Contains(c.Info.Id));
        State.PendingDeletes.AddRange(dropped.Select(c => c.BlobKey));
        var needed = State.Checkpoints.SelectMany(c => c.FileHashes).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in State.StoredFiles.Where(h => !needed.Contains(h)).ToList())
        {
            State.StoredFiles.Remove(hash);
            State.PendingDeletes.Add(CheckpointBlobKeys.File(SessionKey, hash));
        }

        LogPruned(SessionKey, dropped.Length, kept.Length);
    }

    /// <summary>Deletes what the stored index no longer names; a failure leaves the rest for the next take.</summary>
    private async Task DeletePendingAsync()
    {
        foreach (var key in State.PendingDeletes.ToList())
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
                State.PendingDeletes.Remove(key); // stored with the next write; deleting again is harmless
            }
            catch (Exception ex)
            {
                LogDeleteFailed(ex, SessionKey, key);
                return;
            }
        }
    }

    /// <summary>Deletes the session's blobs the index does not name: a body stored by a take that crashed before its index write.</summary>
    private async Task SweepOrphansAsync()
    {
        _swept = true;
        try
        {
            var referenced = State.Checkpoints.Select(c => c.Info.BlobKey)
                .Concat(State.StoredFiles.Select(h => CheckpointBlobKeys.File(SessionKey, h)))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var key in await store.ListAsync(CheckpointBlobKeys.PrefixOf(SessionKey), CancellationToken.None))
            {
                if (referenced.Contains(key)) continue;
                await store.DeleteAsync(key, CancellationToken.None);
                LogOrphanDeleted(SessionKey, key);
            }
        }
        catch (Exception ex)
        {
            LogSweepFailed(ex, SessionKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checkpoint {CheckpointId} of {SessionKey} ({Kind}) stored: {Bytes} bytes ({SerializedBytes} serialised), {Agents} agents, {Workflows} workflows, {Files} files")]
    private partial void LogTaken(string sessionKey, string checkpointId, CheckpointKind kind, long bytes, long serializedBytes, int agents, int workflows, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} checkpoint of {SessionKey} failed; nothing was stored")]
    private partial void LogTakeFailed(Exception exception, string sessionKey, CheckpointKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint {CheckpointId} of {SessionKey} is skipped as corrupt ({Defect}): {Error}")]
    private partial void LogSkipped(string sessionKey, string checkpointId, CheckpointDefect defect, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The checkpoint copy of workspace file {Hash} of {SessionKey} is refused ({Defect})")]
    private partial void LogFileRefused(string sessionKey, string hash, CheckpointDefect defect);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention dropped {Dropped} checkpoints of {SessionKey}; {Kept} kept")]
    private partial void LogPruned(string sessionKey, int dropped, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete checkpoint blob {BlobKey} of {SessionKey}; the next checkpoint tries again")]
    private partial void LogDeleteFailed(Exception exception, string sessionKey, string blobKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted checkpoint blob {BlobKey} of {SessionKey}, which no checkpoint names (left by a crash)")]
    private partial void LogOrphanDeleted(string sessionKey, string blobKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep the unreferenced checkpoint blobs of {SessionKey}")]
    private partial void LogSweepFailed(Exception exception, string sessionKey);
}
