using Orleans.Streams;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;

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
        var subscription = await stream.SubscribeAsync((_, _) => CatchUpAsync());
        try
        {
            await CatchUpAsync();
            var deadline = timeout ?? TimeSpan.FromMinutes(2);
            using var watchdog = new PeriodicTimer(TimeSpan.FromSeconds(5)); // a stream subscription lost with a killed silo must not hang the test
            var started = DateTime.UtcNow;
            while (!done.Task.IsCompleted)
            {
                if (DateTime.UtcNow - started > deadline) throw new TimeoutException($"Condition not met: {what}. Events: {string.Join(", ", seen.Select(e => $"{e.Sequence}:{e.Kind}:{e.StepId}"))}");
                await Task.WhenAny(done.Task, watchdog.WaitForNextTickAsync().AsTask());
                if (!done.Task.IsCompleted) await CatchUpAsync();
            }

            return await done.Task;
        }
        finally
        {
            try { await subscription.UnsubscribeAsync(); } catch (Exception) { /* its silo may be gone */ }
        }
    }

    /// <summary>Asserts the log is numbered 1…n without gaps and holds exactly one completion per step of <paramref name="workflowId"/>.</summary>
    public static void AssertEachStepCompletedOnce(IReadOnlyList<SessionEvent> events, string workflowId, IEnumerable<string> stepIds)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var completions = events.Where(e => e.WorkflowId == workflowId && e.Kind == SessionEventKind.StepCompleted).Select(e => e.StepId!).ToList();
        Assert.Equal(stepIds.Order(), completions.Order());
    }
}
