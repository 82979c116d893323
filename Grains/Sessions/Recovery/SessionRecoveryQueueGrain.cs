using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions.Recovery;

/// <summary>
/// Hosts one shard of the crash-recovery <see cref="RecoveryQueue"/>. While it holds entries it scans them every
/// <see cref="SessionRecoveryOptions.ScanInterval"/> (a grain timer) and keeps a reminder, the backstop that brings the queue
/// back after its silo is lost; empty, it holds neither. Each due entry's session is asked to <c>RecoverAsync</c>; the
/// session is told every outcome (it records the event, and ends as failed after the last failure).
/// </summary>
/// <remarks>
/// Reentrant on purpose: a session that activates while its recovery is being called queues itself again, and must not wait
/// behind the scan that called it. Writes are serialised; every state change happens between awaits.
/// </remarks>
[Reentrant]
public sealed partial class SessionRecoveryQueueGrain : DurableGrain, ISessionRecoveryQueueGrain, IRemindable
{
    private const string ScanReminder = "recovery-scan";
    private readonly IPersistentState<SessionRecoveryQueueState> _state;
    private readonly SessionRecoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionRecoveryQueueGrain> _logger;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private IGrainTimer? _scan;
    private bool? _hasReminder;
    private bool _scanning;

    /// <summary>Creates the grain with its persisted queue.</summary>
    public SessionRecoveryQueueGrain(
        [PersistentState("recoveryQueue", StorageNames.State)] IPersistentState<SessionRecoveryQueueState> state,
        IOptions<SessionRecoveryOptions> options,
        TimeProvider time,
        ILogger<SessionRecoveryQueueGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The rules over the state as loaded (the storage replaces the state object when it reads it).</summary>
    private RecoveryQueue Queue => new(_state.State, _options);

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        TDeveloperTelemetry.SessionRecoveryQueued.Add(Queue.Count);
        await KeepWatchAsync();
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        TDeveloperTelemetry.SessionRecoveryQueued.Add(-Queue.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task EnqueueAsync(string sessionKey)
    {
        if (!Queue.Enqueue(sessionKey, _time.GetUtcNow())) return;
        TDeveloperTelemetry.SessionRecoveryQueued.Add(1);
        await WriteAsync();
        LogQueued(sessionKey);
        await KeepWatchAsync();
    }

    /// <inheritdoc/>
    public Task<RecoveryEntry?> GetAsync(string sessionKey) => Task.FromResult(Queue.Find(sessionKey));

    /// <inheritdoc/>
    public Task ReceiveReminder(string reminderName, TickStatus status) => ScanAsync(CancellationToken.None);

    /// <summary>Attempts every due entry (in parallel), and reports final failures not yet acknowledged.</summary>
    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (_scanning) return;
        _scanning = true;
        try
        {
            var now = _time.GetUtcNow();
            var due = Queue.Due(now);
            if (due.Count == 0) return;
            var attempts = due.Where(e => !e.GaveUp).Select(e => (Entry: e, Attempt: Queue.BeginAttempt(e, now))).ToList();
            if (attempts.Count > 0) await WriteAsync(); // counted before it runs: an attempt that takes its silo down still counts
            await Task.WhenAll([.. attempts.Select(a => AttemptAsync(a.Entry, a.Attempt)), .. due.Where(e => e.GaveUp).Select(ReportGaveUpAsync)]);
            await WriteAsync();
        }
        finally
        {
            _scanning = false;
        }

        await KeepWatchAsync();
    }

    private async Task AttemptAsync(RecoveryEntry entry, int attempt)
    {
        var session = GrainFactory.GetGrain<ISessionGrain>(entry.SessionKey);
        RecoveryResult? result = null;
        string? error;
        try
        {
            result = await session.RecoverAsync().WaitAsync(_options.AttemptTimeout, _time);
            error = result.Outcome == RecoveryOutcome.NoValidCheckpoint
                ? $"no valid checkpoint (every kept one failed its hash or decryption check: {string.Join(", ", result.Skipped)})"
                : null;
        }
        catch (Exception ex)
        {
            error = ex is TimeoutException ? $"no answer within {_options.AttemptTimeout.TotalSeconds:0.#} s" : $"{ex.GetType().Name}: {ex.Message}";
        }

        if (error is null)
        {
            Queue.Remove(entry);
            TDeveloperTelemetry.SessionRecoveryQueued.Add(-1);
            var outcome = result!.Outcome == RecoveryOutcome.Recovered ? "recovered" : "nothing";
            TDeveloperTelemetry.SessionRecoveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            LogRecovered(entry.SessionKey, attempt, result.Outcome, result.CheckpointId);
            await TellAsync(entry, new RecoveryAttempt { Attempt = attempt, MaxAttempts = _options.MaxAttempts, Result = result });
            return;
        }

        var failure = Queue.Failed(entry, error, _time.GetUtcNow());
        TDeveloperTelemetry.SessionRecoveries.Add(1, new KeyValuePair<string, object?>("outcome", failure.Final ? "failed" : "retrying"));
        if (failure.Final)
        {
            LogGaveUp(entry.SessionKey, attempt, error);
            await ReportGaveUpAsync(entry);
            return;
        }

        LogAttemptFailed(entry.SessionKey, attempt, _options.MaxAttempts, error, failure.NextAttemptAt!.Value);
        await TellAsync(entry, new RecoveryAttempt { Attempt = attempt, MaxAttempts = _options.MaxAttempts, Result = result, Error = error, NextAttemptAt = failure.NextAttemptAt });
    }

    /// <summary>Tells the session it failed for good; the entry stays (and is reported again at the next scan) until the session has recorded it.</summary>
    private async Task ReportGaveUpAsync(RecoveryEntry entry)
    {
        var told = await TellAsync(entry, new RecoveryAttempt { Attempt = entry.Attempts, MaxAttempts = _options.MaxAttempts, Error = entry.LastError ?? "failed", Final = true });
        if (!told) return;
        Queue.Remove(entry);
        TDeveloperTelemetry.SessionRecoveryQueued.Add(-1);
    }

    private async Task<bool> TellAsync(RecoveryEntry entry, RecoveryAttempt attempt)
    {
        try
        {
            await GrainFactory.GetGrain<ISessionCallbacks>(entry.SessionKey).OnRecoveryAttemptedAsync(attempt);
            return true;
        }
        catch (Exception ex)
        {
            LogTellFailed(ex, entry.SessionKey);
            return false;
        }
    }

    /// <summary>Holds the scan timer and the backstop reminder exactly while the queue has entries.</summary>
    private async Task KeepWatchAsync()
    {
        if (Queue.Count > 0)
        {
            _scan ??= this.RegisterGrainTimer(ScanAsync, new GrainTimerCreationOptions(TimeSpan.Zero, _options.ScanInterval) { KeepAlive = true, Interleave = true });
            if (_hasReminder != true)
            {
                await this.RegisterOrUpdateReminder(ScanReminder, _options.ReminderPeriod, _options.ReminderPeriod);
                _hasReminder = true;
            }

            return;
        }

        _scan?.Dispose();
        _scan = null;
        if (_hasReminder == false) return;
        if (await this.GetReminder(ScanReminder) is { } reminder) await this.UnregisterReminder(reminder);
        _hasReminder = false;
    }

    private async Task WriteAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await WriteOrReloadAsync(_state);
        }
        finally
        {
            _writes.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} came back after a crash; queued for recovery")]
    private partial void LogQueued(string sessionKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} recovery attempt {Attempt} succeeded: {Outcome} {CheckpointId}")]
    private partial void LogRecovered(string sessionKey, int attempt, RecoveryOutcome outcome, string? checkpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} recovery attempt {Attempt} of {MaxAttempts} failed: {Error}; next at {NextAttemptAt}")]
    private partial void LogAttemptFailed(string sessionKey, int attempt, int maxAttempts, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionKey} could not be recovered after {Attempt} attempts: {Error}; it ends as failed")]
    private partial void LogGaveUp(string sessionKey, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell session {SessionKey} how its recovery went; told again later if it must end")]
    private partial void LogTellFailed(Exception exception, string sessionKey);
}
