using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Client;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>Events and notifications are part of committed state: lost calls and publishes delay them, never drop or repeat them.</summary>
public sealed class DeliveryFailureTests : FileStoreClusterFixture
{
    private readonly FlakyDeliveryFilter _filter = new();

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddSingleton<IOutgoingGrainCallFilter>(_filter);

    [Fact]
    public async Task A_watcher_gets_every_event_once_and_in_order_while_deliveries_fail()
    {
        var client = new TDeveloperClient(Client, Microsoft.Extensions.Logging.Abstractions.NullLogger<TDeveloperClient>.Instance);
        var session = await SessionFlow.CreateSessionAsync(Client);
        var sessionId = Grains.Interfaces.GrainKeys.LocalIdOf(session.GetPrimaryKeyString());
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var watched = new List<SessionEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchSessionAsync("acme", sessionId, 0, stop.Token))
            {
                watched.Add(e);
                if (e.Kind == SessionEventKind.SessionStatusChanged && e.Status == nameof(SessionStatus.Completed)) return;
            }
        });

        var workflow = await SessionFlow.SubmitAsync(Client, session, "design, implement and test a login API with a security review");
        await SessionEvents.WaitForAsync(Client, session, e => e.Any(x => x.Kind == SessionEventKind.WorkflowCompleted), "workflow completed");
        var ended = await session.CompleteAsync();
        Assert.Equal(SessionStatus.Completed, ended.Value!.Status);
        await watching;

        var all = (await SessionEvents.ReadAllAsync(Client, session)).ToList();
        var end = all.FindIndex(e => e.Kind == SessionEventKind.SessionStatusChanged && e.Status == nameof(SessionStatus.Completed));
        var logged = all[..(end + 1)]; // the watcher stops at the end; the end's checkpoint is logged after it
        Assert.True(_filter.Injected > 0, "no failure was injected");
        var durable = watched.Where(e => !e.IsLiveOnly).ToList();
        Assert.Equal(logged.Select(e => e.Sequence), durable.Select(e => e.Sequence));
        Assert.Equal(logged.Select(e => (e.Kind, e.StepId)), durable.Select(e => (e.Kind, e.StepId)));
        var finished = await workflow.GetAsync();
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        SessionEvents.AssertEachStepCompletedOnce(logged, finished.Id, finished.Steps.Select(s => s.Id));
    }
}
