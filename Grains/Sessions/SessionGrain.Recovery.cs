using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Recovery;

namespace TDeveloper.Grains.Sessions;

// Crash detection and the crash-recovery queue (issue 12 item 4): see docs/sessions/health.md.
// SessionState.CleanShutdown is stored true only by the write in OnDeactivateAsync; from activation on it is false in
// memory, so every other write stores false. A live session that activates with it false was not deactivated: it crashed.
public sealed partial class SessionGrain
{
    private bool _recoveryEnqueuePending;

    /// <summary>Queues the session for recovery if its last activation ended without deactivating (a crash); no write.</summary>
    private async Task EnqueueIfCrashedAsync()
    {
        var crashed = !State.CleanShutdown;
        State.CleanShutdown = false;
        if (!crashed) return;
        _recoveryEnqueuePending = true;
        await RetryRecoveryEnqueueAsync();
    }

    /// <summary>Queues the session for recovery if that is still to do (a failed enqueue is retried by each heartbeat).</summary>
    private async Task RetryRecoveryEnqueueAsync()
    {
        if (!_recoveryEnqueuePending) return;
        try
        {
            var shards = ServiceProvider.GetRequiredService<IOptions<SessionRecoveryOptions>>().Value.Shards;
            await GrainFactory.GetGrain<ISessionRecoveryQueueGrain>(RecoveryShards.For(SessionKey, shards)).EnqueueAsync(SessionKey);
            _recoveryEnqueuePending = false;
        }
        catch (Exception ex)
        {
            LogRecoveryEnqueueFailed(ex, SessionKey);
        }
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Only a live session needs telling apart from a crashed one; one not yet queued stays "crashed" for the next activation.
        if (!SessionLifecycle.IsLive(State.Status) || _recoveryEnqueuePending) return;
        State.CleanShutdown = true;
        try
        {
            await _state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogCleanShutdownNotStored(ex, SessionKey); // the next activation queues a recovery it did not need: harmless
        }
    }

    /// <inheritdoc/>
    public async Task OnRecoveryAttemptedAsync(RecoveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (!SessionLifecycle.IsLive(State.Status) || State.Status == SessionStatus.Terminating) return; // ended meanwhile: nothing to record
        if (attempt.Succeeded)
        {
            var result = attempt.Result!;
            var message = result.Outcome == RecoveryOutcome.Recovered
                ? $"recovered after a crash from checkpoint {result.CheckpointId}" + (result.Skipped.IsDefaultOrEmpty ? "" : $" (skipped corrupt: {string.Join(", ", result.Skipped)})")
                : "came back after a crash; no checkpoint to restore";
            await PersistAsync(RecoveryEvent(SessionEventKind.SessionRecovered, result.Outcome.ToString(), attempt.Attempt, message));
            return;
        }

        if (!attempt.Final)
        {
            await PersistAsync(RecoveryEvent(SessionEventKind.SessionRecoveryFailed, "retrying", attempt.Attempt, $"recovery attempt {attempt.Attempt} of {attempt.MaxAttempts} failed: {attempt.Error}; next at {attempt.NextAttemptAt:O}"));
            return;
        }

        await PersistAsync(RecoveryEvent(SessionEventKind.SessionRecoveryFailed, "failed", attempt.Attempt, $"recovery failed after {attempt.Attempt} attempt(s): {attempt.Error}"));
        await TerminateAsync("recovery failed", $"recovery after a crash failed after {attempt.Attempt} attempt(s): {attempt.Error}");
    }

    private SessionEvent RecoveryEvent(SessionEventKind kind, string status, int attempt, string message) => new()
    {
        Kind = kind, SessionId = GrainKeys.LocalIdOf(SessionKey), Status = status, Attempt = attempt, Message = message, At = _time.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} came back after a crash but could not queue its recovery; the heartbeat tries again")]
    private partial void LogRecoveryEnqueueFailed(Exception exception, string sessionKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} could not store its clean shutdown; its next activation will queue a recovery")]
    private partial void LogCleanShutdownNotStored(Exception exception, string sessionKey);
}
