using Orleans.Streams;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>Reads a session's durable event log, and waits on its events instead of polling state.</summary>
public static class SessionEvents
{
    /// <summary>Reads the whole log of <paramref name="session"/>.</summary>
    public static async Task<List<SessionEvent>> ReadAllAsync(IGrainFactory grains, ISessionGrain session)
    {
        var log = grains.GetGrain<ISessionEventLogGrain>(session.GetPrimaryKeyString());
        var events = new List<SessionEvent>();
        while (true)
        {
            var page = await log.ReadAsync(events.Count == 0 ? 0 : events[^1].Sequence, 100);
            events.AddRange(page.Events);
            if (page.Events.Length < 100) return events;
        }
    }

    /// <summary>
    /// Waits until the session's events (the log so far, then live ones from its stream) satisfy
    /// <paramref name="condition"/>. The timeout only bounds a hung test; it asserts no speed.
    /// </summary>
    public static async Task<List<SessionEvent>> WaitForAsync(IClusterClient client, ISessionGrain session, Func<IReadOnlyList<SessionEvent>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<List<SessionEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<SessionEvent>();
        var gate = new SemaphoreSlim(1, 1);

        // The stream says something happened; the log says what, in order and without gaps.
        async Task CatchUpAsync()
        {
            await gate.WaitAsync();
            try
            {
                var page = await client.GetGrain<ISessionEventLogGrain>(session.GetPrimaryKeyString()).ReadAsync(seen.Count == 0 ? 0 : seen[^1].Sequence, 1000);
                seen.AddRange(page.Events);
                if (condition(seen)) done.TrySetResult([.. seen]);
            }
            catch (Exception)
            {
                // A silo being killed: the next event or the deadline decides.
            }
            finally
            {
                gate.Release();
            }
        }

        var stream = client.GetStreamProvider(SessionEventStream.ProviderName).GetStream<SessionEvent>(SessionEventStream.For(session.GetPrimaryKeyString()));
        StreamSubscriptionHandle<SessionEvent>? subscription = null;
        async Task SubscribeAsync()
        {
            try
            {
                subscription ??= await stream.SubscribeAsync((_, _) => CatchUpAsync());
            }
            catch (Exception)
            {
                // The client's gateway was just killed: tried again at the next safety re-read.
            }
        }

        try
        {
            await SubscribeAsync();
            await CatchUpAsync();
            var deadline = timeout ?? TimeSpan.FromMinutes(2);
            // The stream only signals; a memory-stream subscription can die with a killed silo (its pulling agent
            // and queue go with it), so the log is also re-read every 5 s. That is a safety net, not the way
            // events arrive: without kills, every catch-up is triggered by a stream event.
            using var watchdog = new PeriodicTimer(TimeSpan.FromSeconds(5));
            var started = DateTime.UtcNow;
            while (!done.Task.IsCompleted)
            {
                if (DateTime.UtcNow - started > deadline) throw new TimeoutException($"Condition not met: {what}. Events: {string.Join(", ", seen.Select(e => $"{e.Sequence}:{e.Kind}:{e.StepId}"))}");
                await Task.WhenAny(done.Task, watchdog.WaitForNextTickAsync().AsTask());
                if (done.Task.IsCompleted) break;
                await SubscribeAsync();
                await CatchUpAsync();
            }

            return await done.Task;
        }
        finally
        {
            try { if (subscription is not null) await subscription.UnsubscribeAsync(); } catch (Exception) { /* its silo may be gone */ }
        }
    }

    /// <summary>A condition for <see cref="WaitForAsync"/>: the log announces that <paramref name="workflow"/> finished, however it ended.</summary>
    public static Func<IReadOnlyList<SessionEvent>, bool> Finished(IWorkflowGrain workflow)
    {
        var id = GrainKeys.LocalIdOf(workflow.GetPrimaryKeyString());
        return events => events.Any(e => e.WorkflowId == id && e.Kind is SessionEventKind.WorkflowCompleted or SessionEventKind.WorkflowFailed or SessionEventKind.WorkflowCancelled or SessionEventKind.WorkflowCompensated);
    }

    /// <summary>A condition for <see cref="WaitForAsync"/>: the log holds the completion of step <paramref name="stepId"/>.</summary>
    public static Func<IReadOnlyList<SessionEvent>, bool> StepCompleted(string stepId) =>
        events => events.Any(e => e.Kind == SessionEventKind.StepCompleted && e.StepId == stepId);

    /// <summary>Asserts the log is numbered 1…n without gaps and holds exactly one completion per step of <paramref name="workflowId"/>.</summary>
    public static void AssertEachStepCompletedOnce(IReadOnlyList<SessionEvent> events, string workflowId, IEnumerable<string> stepIds)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var completions = events.Where(e => e.WorkflowId == workflowId && e.Kind == SessionEventKind.StepCompleted).Select(e => e.StepId!).ToList();
        Assert.Equal(stepIds.Order(), completions.Order());
    }
}
