using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Grains.Sessions;

/// <summary>
/// The session's checkpoints: when they are taken, restoring its agents after a crash, and branching a kept checkpoint into
/// a new session. The work of a checkpoint (gathering agents, workflows and workspace, encoding, storing, retention) runs
/// in the session's <see cref="ICheckpointCatalogGrain"/>; the session only copies its own record in its turn.
/// </summary>
/// <remarks>
/// <para>Scheduled (the 5-minute reminder) and change checkpoints (a request's workflow finished, the session paused or
/// ended) run in the background: the catalog is told one way and reports back one way, so the session's commands never
/// wait for blob storage, and the catalog never waits for the session (no call cycle). One runs at a time; a change during
/// one, or within <see cref="CheckpointOptions.ChangeDebounce"/> of the last, is taken once after it (a burst makes one).
/// A manual checkpoint is taken while the caller waits, since it answers with the metadata.</para>
/// <para>A branch inherits the source's requests as history: each names the session it came from and the status its
/// workflow had at the checkpoint; none is re-run, and one that was still running is listed as cancelled in the branch
/// (submit it again there to redo it). Its agents' memory and statistics and its workspace files are restored exactly.</para>
/// </remarks>
public sealed partial class SessionGrain : ISessionCheckpoints
{
    private CheckpointOptions? _checkpointOptions;
    private DateTimeOffset? _checkpointInFlightSince;
    private string? _pendingChange;
    private IGrainTimer? _changeTimer;

    private CheckpointOptions CheckpointSettings => _checkpointOptions ??= ServiceProvider.GetRequiredService<IOptions<CheckpointOptions>>().Value;

    private ICheckpointCatalogGrain Catalog => GrainFactory.GetGrain<ICheckpointCatalogGrain>(SessionKey);

    /// <inheritdoc/>
    public async Task<CommandResult<CheckpointInfo>> CheckpointAsync(string? label)
    {
        if (State.Status == SessionStatus.None) return CommandResult<CheckpointInfo>.Refused(CommandOutcome.NotFound, "The session does not exist.");
        if (SessionLifecycle.IsEnded(State.Status))
            return CommandResult<CheckpointInfo>.Refused(CommandOutcome.Conflict, $"The session has ended ({State.EndReason}); its kept checkpoints can still be branched.");
        if (!CheckpointSettings.Enabled) return CommandResult<CheckpointInfo>.Refused(CommandOutcome.Conflict, "Checkpoints are turned off (TDeveloper:Sessions:Checkpoints:Enabled).");
        label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (label?.Length > CheckpointLimits.MaxLabelLength)
            return CommandResult<CheckpointInfo>.Refused(CommandOutcome.Invalid, $"The label is longer than {CheckpointLimits.MaxLabelLength} characters.");

        _outbox.Run();
        _changeTimer?.Dispose(); // a change waiting out its debounce is in this checkpoint too
        _changeTimer = null;
        _pendingChange = null;
        var checkpoint = await Catalog.TakeAsync(Capture(CheckpointKind.Manual, label));
        await RecordCheckpointAsync(checkpoint);
        return CommandResult<CheckpointInfo>.Ok(checkpoint);
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<CheckpointInfo>> ListCheckpointsAsync() =>
        State.Status == SessionStatus.None ? [] : await Catalog.ListAsync();

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSnapshot>> BranchAsync(BranchSessionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (State.Status == SessionStatus.None) return CommandResult<SessionSnapshot>.Refused(CommandOutcome.NotFound, "The session does not exist.");
        if (!GrainKeys.IsValidSegment(input.NewSessionId))
            return CommandResult<SessionSnapshot>.Refused(CommandOutcome.Invalid, "The new session id must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.");
        if (input.NewSessionId == GrainKeys.LocalIdOf(SessionKey)) return CommandResult<SessionSnapshot>.Refused(CommandOutcome.Conflict, "A branch needs a new session id.");

        var read = await Catalog.ReadAsync(input.CheckpointId);
        if (read is null) return CommandResult<SessionSnapshot>.Refused(CommandOutcome.NotFound, $"The session has no kept checkpoint '{input.CheckpointId}'.");
        if (read.Body is null)
        {
            LogBranchRefused(SessionKey, read.Info.Id, read.Defect!.Value);
            return CommandResult<SessionSnapshot>.Refused(CommandOutcome.Invalid, $"Checkpoint '{read.Info.Id}' fails its checks ({read.Defect}); it cannot be restored.");
        }

        var seed = new BranchSeed
        {
            SourceSessionKey = SessionKey,
            Checkpoint = read.Info,
            Body = read.Body,
            Owner = string.IsNullOrWhiteSpace(input.Owner) ? State.Owner : input.Owner,
            Title = string.IsNullOrWhiteSpace(input.Title) ? $"{State.Title ?? GrainKeys.LocalIdOf(SessionKey)} (branch of {read.Info.Id})" : input.Title,
        };
        var branch = GrainFactory.GetGrain<ISessionCheckpoints>(GrainKeys.Session(GrainKeys.TenantOf(SessionKey), input.NewSessionId));
        var result = await branch.StartBranchAsync(seed);
        if (!result.IsOk) return result;

        await PersistAsync(new SessionEvent
        {
            Kind = SessionEventKind.SessionBranched, SessionId = GrainKeys.LocalIdOf(SessionKey), Status = State.Status.ToString(),
            Message = $"branch {input.NewSessionId} created from checkpoint {read.Info.Id}", At = _time.GetUtcNow(),
        });
        return result;
    }

    /// <inheritdoc/>
    public async Task<RecoveryResult> RecoverAsync()
    {
        if (State.Status == SessionStatus.None || SessionLifecycle.IsEnded(State.Status)) return new RecoveryResult { Outcome = RecoveryOutcome.NothingToRecover };
        var found = await Catalog.ReadLatestValidAsync();
        if (!found.Skipped.IsEmpty)
        {
            await PersistAsync(new SessionEvent
            {
                Kind = SessionEventKind.CheckpointSkipped, SessionId = GrainKeys.LocalIdOf(SessionKey), Status = "Corrupt",
                Message = $"recovery skipped corrupt checkpoints: {string.Join(", ", found.Skipped)}", At = _time.GetUtcNow(),
            });
        }

        if (found.Latest is not { Body: { } body } latest)
        {
            var outcome = found.Kept == 0 ? RecoveryOutcome.NothingToRecover : RecoveryOutcome.NoValidCheckpoint;
            LogNothingRecovered(SessionKey, outcome, found.Skipped.Length);
            return new RecoveryResult { Outcome = outcome, Skipped = found.Skipped };
        }

        await RestoreMemoryAsync(body, replace: false);
        LogRecovered(SessionKey, latest.Info.Id, body.Agents.Length, found.Skipped.Length);
        return new RecoveryResult { Outcome = RecoveryOutcome.Recovered, CheckpointId = latest.Info.Id, Skipped = found.Skipped };
    }

    /// <inheritdoc/>
    public async Task OnCheckpointTakenAsync(CheckpointInfo checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _checkpointInFlightSince = null;
        if (State.Status == SessionStatus.None) return;
        await RecordCheckpointAsync(checkpoint);
        if (_pendingChange is { } next && _changeTimer is null)
        {
            _pendingChange = null;
            OnSignificantChange(next);
        }
    }

    /// <inheritdoc/>
    public async Task OnCheckpointFailedAsync(CheckpointKind kind, string error)
    {
        _checkpointInFlightSince = null;
        if (State.Status == SessionStatus.None) return;
        await PersistAsync(new SessionEvent
        {
            Kind = SessionEventKind.CheckpointSkipped, SessionId = GrainKeys.LocalIdOf(SessionKey), Status = kind.ToString(),
            Message = $"the {kind} checkpoint failed: {error}", At = _time.GetUtcNow(),
        });
    }

    /// <inheritdoc/>
    public async Task<CommandResult<SessionSnapshot>> StartBranchAsync(BranchSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (State.Status != SessionStatus.None) return CommandResult<SessionSnapshot>.Refused(CommandOutcome.Conflict, "A session with the new id exists already.");
        var now = _time.GetUtcNow();
        var localId = GrainKeys.LocalIdOf(SessionKey);
        var sourceId = GrainKeys.LocalIdOf(seed.SourceSessionKey);
        var admission = await Index.AdmitAsync(new SessionSummary { Id = localId, Owner = seed.Owner, Status = SessionStatus.Active, CreatedAt = now, UpdatedAt = now });
        if (admission.Outcome != CommandOutcome.Ok)
        {
            LogRefused(SessionKey, admission.Error!);
            return CommandResult<SessionSnapshot>.Refused(admission.Outcome, admission.Error!);
        }

        // Agents and files first, the session's record last: a branch that fails half way is never a session, and its slot is released.
        try
        {
            await RestoreMemoryAsync(seed.Body, replace: true);
            if (await RestoreWorkspaceAsync(seed) is { } problem)
            {
                await Index.UpdateAsync(localId, SessionStatus.Failed, now);
                return CommandResult<SessionSnapshot>.Refused(CommandOutcome.Invalid, problem);
            }

            SessionLifecycle.Create(State, new CreateSessionInput { Owner = seed.Owner, Title = seed.Title }, now, _options);
            State.IndexedStatus = SessionStatus.Active;
            State.BranchedFromSessionId = sourceId;
            State.BranchedFromCheckpointId = seed.Checkpoint.Id;
            State.Requests = [.. seed.Body.Session.Requests.Select(r => Inherited(r, seed.Body, sourceId))];
            await PersistAsync(StatusEvent("created"), deliver: false);
            await PersistAsync(new SessionEvent
            {
                Kind = SessionEventKind.SessionBranched, SessionId = localId, Status = State.Status.ToString(),
                Message = $"branched from session {sourceId} at checkpoint {seed.Checkpoint.Id} ({seed.Checkpoint.TakenAt:O})", At = now,
            });
        }
        catch
        {
            await Index.UpdateAsync(localId, SessionStatus.Failed, now); // release the slot of a branch never stored
            throw;
        }

        await this.RegisterOrUpdateReminder(CheckpointReminder, _options.CheckpointInterval, _options.CheckpointInterval);
        StartHeartbeat();
        TDeveloperTelemetry.SessionsCreated.Add(1);
        TDeveloperTelemetry.SessionsActive.Add(1);
        LogBranched(SessionKey, seed.SourceSessionKey, seed.Checkpoint.Id, seed.Body.Agents.Length, seed.Body.Workspace.Length);
        return CommandResult<SessionSnapshot>.Ok(Snapshot()!);
    }

    /// <summary>The reminder's checkpoint: in the background, and only when something may have changed since the last one.</summary>
    private void TakeScheduledCheckpoint()
    {
        if (!CheckpointSettings.Enabled) return;
        if (!CheckpointSchedule.ScheduledDue(State.LastCheckpointAt ?? State.CreatedAt, State.LastActivityAt, SessionLifecycle.RunningCount(State))) return;
        StartBackgroundCheckpoint(CheckpointKind.Scheduled, null);
    }

    /// <summary>A significant change: checkpointed now, or once the debounce has passed; the session's end at once.</summary>
    /// <inheritdoc/>
    public Task OnMemoryChangedAsync(string reason)
    {
        if (State.Status is SessionStatus.Active or SessionStatus.Paused or SessionStatus.Resuming) OnSignificantChange(reason);
        return Task.CompletedTask;
    }

    private void OnSignificantChange(string reason)
    {
        if (!CheckpointSettings.Enabled || State.Status == SessionStatus.None) return;
        var delay = SessionLifecycle.IsEnded(State.Status)
            ? TimeSpan.Zero
            : CheckpointSchedule.ChangeDelay(State.LastCheckpointAt, _time.GetUtcNow(), CheckpointSettings.ChangeDebounce);
        if (delay == TimeSpan.Zero)
        {
            _changeTimer?.Dispose();
            _changeTimer = null;
            _pendingChange = null;
            StartBackgroundCheckpoint(CheckpointKind.Change, reason);
            return;
        }

        _pendingChange = reason;
        _changeTimer ??= this.RegisterGrainTimer(TakeDebouncedCheckpointAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }

    private Task TakeDebouncedCheckpointAsync(CancellationToken cancellationToken)
    {
        _changeTimer?.Dispose();
        _changeTimer = null;
        var reason = _pendingChange;
        _pendingChange = null;
        if (reason is not null && State.Status != SessionStatus.None) StartBackgroundCheckpoint(CheckpointKind.Change, reason);
        return Task.CompletedTask;
    }

    /// <summary>Hands a copy of the record to the catalog, one way; while one is in flight, a change waits for it to report back.</summary>
    private void StartBackgroundCheckpoint(CheckpointKind kind, string? reason)
    {
        var now = _time.GetUtcNow();
        if (_checkpointInFlightSince is { } since && now - since < CheckpointSettings.InFlightTimeout)
        {
            if (kind == CheckpointKind.Change) _pendingChange = reason ?? "change";
            return;
        }

        _checkpointInFlightSince = now;
        Catalog.TakeInBackgroundAsync(Capture(kind, reason)).Ignore();
    }

    /// <summary>A private copy of the session's record, its outbox emptied, taken in this turn.</summary>
    private CheckpointCapture Capture(CheckpointKind kind, string? reason)
    {
        var copy = ServiceProvider.GetRequiredService<DeepCopier>().Copy(State);
        copy.Outbox = [];
        return new CheckpointCapture { Session = copy, Kind = kind, Reason = reason };
    }

    private async Task RecordCheckpointAsync(CheckpointInfo checkpoint)
    {
        if (State.LastCheckpointAt is not { } last || checkpoint.TakenAt > last) State.LastCheckpointAt = checkpoint.TakenAt;
        State.CheckpointCount++;
        await PersistAsync(new SessionEvent
        {
            Kind = SessionEventKind.CheckpointTaken, SessionId = GrainKeys.LocalIdOf(SessionKey), Status = checkpoint.Kind.ToString(),
            Message = $"checkpoint {checkpoint.Id}: {checkpoint.SizeBytes} bytes", At = checkpoint.TakenAt,
        });
    }

    /// <summary>Restores the agents' state and memory and the session's shared memory from <paramref name="body"/>.</summary>
    private Task RestoreMemoryAsync(CheckpointBody body, bool replace) =>
        Task.WhenAll(body.Agents.Where(a => AgentNames.All.Contains(AgentInstances.TypeOf(a.Name)))
            .Select(a => GrainFactory.GetGrain<IAgentCheckpoints>(GrainKeys.Agent(SessionKey, a.Name)).RestoreAsync(a, replace))
            .Append(GrainFactory.GetGrain<ISessionMemoryCheckpoints>(SessionKey).RestoreAsync(body.SessionMemory, replace)));

    /// <summary>Writes the checkpoint's workspace files into this session's workspace, from the source's checkpoint copies; returns what failed, if anything.</summary>
    private async Task<string?> RestoreWorkspaceAsync(BranchSeed seed)
    {
        if (seed.Body.Workspace.IsEmpty) return null;
        var source = GrainFactory.GetGrain<ICheckpointCatalogGrain>(seed.SourceSessionKey);
        var workspace = GrainFactory.GetGrain<IWorkspaceGrain>(SessionKey);
        foreach (var file in seed.Body.Workspace)
        {
            if (await source.ReadFileAsync(file.Hash) is not { } content) return $"The checkpoint's copy of workspace file '{file.Path}' is missing or corrupt.";
            var written = await workspace.WriteAsync(new WorkspaceWriteInput { Path = file.Path, Content = content, Writer = $"branch:{GrainKeys.LocalIdOf(seed.SourceSessionKey)}/{seed.Checkpoint.Id}" });
            if (written.Outcome != CommandOutcome.Ok) return $"Workspace file '{file.Path}' could not be restored: {written.Error}";
        }

        return null;
    }

    /// <summary>A request of the source as the branch lists it: from the source, with its workflow's status at the checkpoint; never running or queued (the branch does not re-run them).</summary>
    private static RequestRecord Inherited(RequestRecord request, CheckpointBody body, string sourceId)
    {
        var atCheckpoint = body.Workflows.FirstOrDefault(w => w.Id == request.WorkflowId)?.Status ?? request.Status;
        return new RequestRecord
        {
            WorkflowId = request.WorkflowId, Text = request.Text, SubmittedAt = request.SubmittedAt,
            Status = atCheckpoint.IsActive() || atCheckpoint is WorkflowStatus.None or WorkflowStatus.Queued ? WorkflowStatus.Cancelled : atCheckpoint,
            FromSessionId = request.FromSessionId ?? sourceId,
            StatusAtCheckpoint = request.StatusAtCheckpoint ?? atCheckpoint,
        };
    }

    private static SessionRequestSummary RequestSummaryOf(RequestRecord r) => new()
    {
        WorkflowId = r.WorkflowId, Text = r.Text, SubmittedAt = r.SubmittedAt, Status = r.Status, FromSessionId = r.FromSessionId, StatusAtCheckpoint = r.StatusAtCheckpoint,
        Priority = r.Priority, Deadline = r.Deadline,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} branched from {SourceKey} at checkpoint {CheckpointId}: {Agents} agents and {Files} files restored")]
    private partial void LogBranched(string sessionKey, string sourceKey, string checkpointId, int agents, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} refused to branch checkpoint {CheckpointId}: it fails its checks ({Defect})")]
    private partial void LogBranchRefused(string sessionKey, string checkpointId, CheckpointDefect defect);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} restored its agents from checkpoint {CheckpointId} ({Agents} agents, {Skipped} corrupt checkpoints skipped)")]
    private partial void LogRecovered(string sessionKey, string checkpointId, int agents, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} recovered nothing: {Outcome} ({Skipped} corrupt checkpoints skipped)")]
    private partial void LogNothingRecovered(string sessionKey, RecoveryOutcome outcome, int skipped);
}
