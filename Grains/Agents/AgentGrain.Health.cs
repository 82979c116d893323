using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;

namespace TDeveloper.Grains.Agents;

// Health of an agent's activation (issue 12 item 2): what the session's heartbeat reads, and how it recreates a stale agent.
public sealed partial class AgentGrain
{
    private readonly Dictionary<string, TaskProgress> _progress = [];
    private DateTimeOffset? _activatedAt;
    private long _lastProgressTicks; // written from model deltas as well as grain turns
    private string? _lastFailure;
    private DateTimeOffset? _lastFailureAt;
    private bool _recreating;

    /// <inheritdoc/>
    public Task<AgentHealth> GetHealthAsync()
    {
        var last = Interlocked.Read(ref _lastProgressTicks);
        return Task.FromResult(new AgentHealth
        {
            ActivationId = GrainContext.ActivationId.ToString(),
            ActivatedAt = _activatedAt ??= _time.GetUtcNow(),
            Tasks = [.. _progress.Values.Where(p => _running.ContainsKey(p.Task.IdempotencyKey)).OrderBy(p => p.StartedAt).Select(p => p.Snapshot())],
            LastProgressAt = last == 0 ? null : new DateTimeOffset(last, TimeSpan.Zero),
            LastFailure = _lastFailure,
            LastFailureAt = _lastFailureAt,
            Recreating = _recreating,
        });
    }

    /// <inheritdoc/>
    public Task RecreateAsync(string reason)
    {
        _recreating = true;
        (_lastFailure, _lastFailureAt) = ($"recreated: {reason}", _time.GetUtcNow());
        var cancelled = _running.Keys.ToList();
        foreach (var key in cancelled)
        {
            // Removed first: the task's result is then neither remembered nor reported, and its workflow hands it over again.
            if (!_running.Remove(key, out var cancellation)) continue;
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The task has just finished; its result is dropped all the same.
            }
        }

        LogRecreating(InstanceName, cancelled.Count, reason);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Refuses a task while the activation is being recreated: the workflow retries, and reaches the fresh activation.</summary>
    private void ThrowIfRecreating()
    {
        _activatedAt ??= _time.GetUtcNow();
        if (_recreating) throw new InvalidOperationException($"{AgentName} is being recreated; hand the task over again.");
    }

    private void NoteTaskStarted(AgentTask task)
    {
        var now = _time.GetUtcNow();
        _progress[task.IdempotencyKey] = new TaskProgress(task, now) { LastTicks = now.UtcTicks };
        NoteProgress(now.UtcTicks);
    }

    private void NoteTaskEnded(AgentTask task, StepResult result)
    {
        _progress.Remove(task.IdempotencyKey);
        var now = _time.GetUtcNow();
        NoteProgress(now.UtcTicks);
        if (!result.Succeeded && _running.ContainsKey(task.IdempotencyKey)) (_lastFailure, _lastFailureAt) = (result.Error, now); // not a task cancelled by its workflow or a recreation
    }

    /// <summary>Counts each model delta of the task as progress (only where the model streams: a call answered at once has none).</summary>
    private ModelRequest WithProgressNotes(ModelRequest request, AgentTask task)
    {
        if (request.OnDelta is not { } onDelta || !_progress.TryGetValue(task.IdempotencyKey, out var progress)) return request;
        return request with
        {
            OnDelta = delta =>
            {
                var ticks = _time.GetUtcNow().UtcTicks;
                Interlocked.Exchange(ref progress.LastTicks, ticks);
                NoteProgress(ticks);
                return onDelta(delta);
            },
        };
    }

    private void NoteProgress(long ticks)
    {
        var seen = Interlocked.Read(ref _lastProgressTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastProgressTicks, ticks, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Agent} is being recreated ({Reason}); {Cancelled} running task(s) cancelled for their workflows to hand over again")]
    private partial void LogRecreating(string agent, int cancelled, string reason);

    private sealed class TaskProgress(AgentTask task, DateTimeOffset startedAt)
    {
        public long LastTicks;

        public AgentTask Task => task;

        public DateTimeOffset StartedAt => startedAt;

        public AgentTaskHealth Snapshot() => new()
        {
            IdempotencyKey = task.IdempotencyKey, WorkflowKey = task.WorkflowKey, StepId = task.StepId, Attempt = task.Attempt,
            StartedAt = startedAt, LastProgressAt = new DateTimeOffset(Interlocked.Read(ref LastTicks), TimeSpan.Zero), Timeout = task.Timeout,
        };
    }
}
