using System.Text;
using Orleans.Streams;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// Publishes a running step's model output to its session's stream as <see cref="SessionEventKind.StepOutputDelta"/> events,
/// coalesced to at most one per <paramref name="interval"/> so a fast model does not send an event per token. Live only:
/// a lost delta is not retried, because the step's durable output arrives with its completion.
/// </summary>
internal sealed class StepOutputStreamer(IAsyncStream<SessionEvent> stream, string sessionId, AgentTask task, string agent, TimeSpan interval, TimeProvider time)
{
    private readonly StringBuilder _pending = new();
    private long _lastPublished = time.GetTimestamp();

    /// <summary>Adds text; publishes what is pending once the interval has passed.</summary>
    public ValueTask OnDeltaAsync(string text)
    {
        _pending.Append(text);
        return time.GetElapsedTime(_lastPublished) >= interval ? new ValueTask(FlushAsync()) : ValueTask.CompletedTask;
    }

    /// <summary>Publishes whatever is pending.</summary>
    public async Task FlushAsync()
    {
        if (_pending.Length == 0) return;
        var text = _pending.ToString();
        _pending.Clear();
        _lastPublished = time.GetTimestamp();
        try
        {
            await stream.OnNextAsync(new SessionEvent
            {
                Kind = SessionEventKind.StepOutputDelta,
                SessionId = sessionId,
                WorkflowId = GrainKeys.LocalIdOf(task.WorkflowKey),
                StepId = task.StepId,
                Agent = agent,
                Attempt = task.Attempt,
                Status = "Running",
                Message = text,
                At = time.GetUtcNow(),
            });
        }
        catch (Exception)
        {
            // Live-only by design: a watcher that misses a delta still gets the step's output when it completes.
        }
    }
}
