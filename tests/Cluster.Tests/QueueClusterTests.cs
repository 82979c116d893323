using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Queueing;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>The session's request queue on two silos: one slot per session, so a second request waits.</summary>
public sealed class QueueClusterTests : FileStoreClusterFixture
{
    private readonly GatedChatClient _model = new(TestModels.FastOffline());

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Sessions:MaxRunningRequests"] = "1",
        ["TDeveloper:Sessions:Queue:MaxDepth"] = "2",
        ["TDeveloper:Workflows:ResumeInterval"] = "00:30:00",
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(_model);

    private static SubmitRequestInput Request(string word, RequestPriority priority = RequestPriority.Normal) => new()
    {
        Text = $"implement {word}",
        Priority = priority,
        Plan = new WorkflowPlan { Steps = [new PlanStep { Id = "code", Agent = AgentNames.Code, Instruction = $"implement {word}" }] },
    };

    private IWorkflowGrain Workflow(ISessionGrain session, string workflowId) =>
        Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(GrainKeys.TenantOf(session.GetPrimaryKeyString()), workflowId));

    [Fact]
    public async Task Work_beyond_capacity_waits_by_priority_starts_when_a_slot_frees_and_a_full_queue_refuses()
    {
        var alpha = _model.Hold(AgentNames.Code, "alpha");
        var session = await SessionFlow.CreateSessionAsync(Client);

        var running = await session.SubmitRequestAsync(Request("alpha"));
        Assert.Equal(WorkflowStatus.Running, running.Value!.Status);
        await alpha.Entered;

        var low = await session.SubmitRequestAsync(Request("beta", RequestPriority.Low));
        Assert.Equal((WorkflowStatus.Queued, 1), (low.Value!.Status, low.Value.QueuePosition));
        var high = await session.SubmitRequestAsync(Request("gamma", RequestPriority.High));
        Assert.Equal((WorkflowStatus.Queued, 1), (high.Value!.Status, high.Value.QueuePosition)); // ahead of the LOW one
        var full = await session.SubmitRequestAsync(Request("delta"));
        Assert.Equal(CommandOutcome.LimitReached, full.Outcome);
        Assert.Contains("queue is full", full.Error);
        Assert.Equal(CommandOutcome.Invalid, (await session.SubmitRequestAsync(Request("late") with { Deadline = DateTimeOffset.UtcNow.AddMinutes(-1) })).Outcome);

        // The queued LOW request is cancelled: it leaves the queue and never starts; the running one is not the queue's to cancel.
        var cancelled = await session.CancelQueuedRequestAsync(low.Value.WorkflowId);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Value!.Requests.Single(r => r.WorkflowId == low.Value.WorkflowId).Status);
        Assert.Equal(CommandOutcome.Conflict, (await session.CancelQueuedRequestAsync(running.Value.WorkflowId)).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await session.CancelQueuedRequestAsync("w-nope")).Outcome);

        var snapshot = (await session.GetAsync())!;
        Assert.Equal(WorkflowStatus.Queued, snapshot.Requests.Single(r => r.WorkflowId == high.Value.WorkflowId).Status);
        Assert.Equal(RequestPriority.High, snapshot.Requests.Single(r => r.WorkflowId == high.Value.WorkflowId).Priority);

        // The slot frees: the HIGH request starts by itself and finishes.
        alpha.Open();
        await SessionEvents.WaitForAsync(Client, session, SessionEvents.Finished(Workflow(session, high.Value.WorkflowId)), "queued request finished");
        var requests = (await session.GetAsync())!.Requests;
        Assert.Equal(WorkflowStatus.Completed, requests.Single(r => r.WorkflowId == running.Value.WorkflowId).Status);
        Assert.Equal(WorkflowStatus.Completed, requests.Single(r => r.WorkflowId == high.Value.WorkflowId).Status);
        Assert.Null(await Workflow(session, low.Value.WorkflowId).GetAsync());

        var events = await SessionEvents.ReadAllAsync(Client, session);
        Assert.Equal(2, events.Count(e => e.Kind == SessionEventKind.RequestQueued));
    }

    [Fact]
    public async Task Queued_requests_survive_the_loss_of_their_sessions_silo_and_start_once_capacity_frees()
    {
        var alpha = _model.Hold(AgentNames.Code, "alpha");
        var session = await SessionFlow.CreateSessionAsync(Client);
        var running = await session.SubmitRequestAsync(Request("alpha"));
        await alpha.Entered;
        var queued = await session.SubmitRequestAsync(Request("omega", RequestPriority.Critical));
        Assert.Equal(WorkflowStatus.Queued, queued.Value!.Status);

        Assert.True(Cluster.TryGetGrainContext(session.GetGrainId(), out var context), "the session is active somewhere");
        var doomed = Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await Cluster.KillSiloAsync(doomed);
        alpha.Open();

        // The running request finishes (recovered if its workflow was on the lost silo), its callback reactivates the session on the
        // survivor, which rebuilds its queue from storage and starts the queued request.
        await SessionEvents.WaitForAsync(Client, session, SessionEvents.Finished(Workflow(session, queued.Value.WorkflowId)), "queued request finished after the kill", TimeSpan.FromSeconds(90));
        var requests = (await session.GetAsync())!.Requests;
        Assert.Equal(WorkflowStatus.Completed, requests.Single(r => r.WorkflowId == running.Value!.WorkflowId).Status);
        Assert.Equal(WorkflowStatus.Completed, requests.Single(r => r.WorkflowId == queued.Value.WorkflowId).Status);
        Assert.True(Cluster.TryGetGrainContext(session.GetGrainId(), out var after));
        Assert.NotEqual(doomed.SiloAddress, after.Address.SiloAddress);
    }
}
