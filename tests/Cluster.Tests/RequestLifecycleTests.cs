using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;
using System.Collections.Concurrent;
using Orleans.Streams;

namespace TDeveloper.Cluster.Tests;

public class RequestLifecycleTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_request_runs_to_completion_on_two_silos_with_every_step_announced()
    {
        Assert.Equal(2, fixture.Cluster.Silos.Count);
        var session = await SessionFlow.CreateSessionAsync(Client);
        var announced = new ConcurrentQueue<SessionEvent>();
        var completionAnnounced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = Client.GetStreamProvider(SessionEventStream.ProviderName).GetStream<SessionEvent>(SessionEventStream.For(session.GetPrimaryKeyString()));
        var subscription = await stream.SubscribeAsync((evt, _) =>
        {
            announced.Enqueue(evt);
            if (evt.Kind == SessionEventKind.WorkflowCompleted) completionAnnounced.TrySetResult();
            return Task.CompletedTask;
        });

        var workflow = await SessionFlow.SubmitAsync(Client, session, "design and implement a login API with tests and a security review");
        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Equal(["design", "code", "test", "security", "review"], finished.Steps.Select(s => s.Id));
        Assert.All(finished.Steps, s =>
        {
            Assert.Equal(StepStatus.Completed, s.Status);
            Assert.Equal(1, s.Attempts);
            Assert.StartsWith(OfflineAnswers.Label, s.Output);
        });
        Assert.Equal(["design", "code", "security,test", "review"], finished.ParallelGroups.Select(g => string.Join(",", g.Order())));

        await completionAnnounced.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var stepEvents = announced.Where(e => e.WorkflowId is not null && e.StepId is not null).ToList();
        Assert.Equal(5, stepEvents.Count(e => e.Kind == SessionEventKind.StepStarted));
        Assert.Equal(5, stepEvents.Count(e => e.Kind == SessionEventKind.StepCompleted));
        await subscription.UnsubscribeAsync();

        await fixture.Probe.WorkflowEndNoticedAsync(session);
        var snapshot = await session.GetAsync();
        Assert.Equal(WorkflowStatus.Completed, snapshot!.Requests.Single().Status);
        Assert.Equal(SessionStatus.Active, snapshot.Status);

        var codeAgent = await Client.GetGrain<IAgentGrain>(GrainKeys.Agent(session.GetPrimaryKeyString(), AgentNames.Code)).GetAsync();
        Assert.Equal(1, codeAgent.TasksCompleted);
        Assert.Equal(2, codeAgent.ConversationTurns);
        Assert.Null(codeAgent.TaskInFlight);
    }

    [Fact]
    public async Task The_code_step_sees_the_design_output()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var finished = await SessionFlow.FinishedAsync(Client, session, await SessionFlow.SubmitAsync(Client, session, "design and implement an invoice exporter"));

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Contains("Invoice", finished.Steps.Single(s => s.Id == "code").Output);

        var cancelled = await Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", finished.Id)).CancelAsync("too late");
        Assert.True(cancelled.IsOk, cancelled.Error);
        Assert.Equal(WorkflowStatus.Completed, cancelled.Value.Status);
    }

    [Fact]
    public async Task Every_grain_type_activates_and_answers()
    {
        var plan = await Client.GetGrain<ISupervisorGrain>(0).PlanAsync("add a login API with tests");
        Assert.Equal(["code", "test", "security"], plan.Plan.Steps.Select(s => s.Id));

        var session = await SessionFlow.CreateSessionAsync(Client);
        Assert.NotNull(await session.GetAsync());
        Assert.Null(await Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", "w-none")).GetAsync());
        Assert.Equal(0, (await Client.GetGrain<IAgentGrain>(GrainKeys.Agent(session.GetPrimaryKeyString(), AgentNames.Test)).GetAsync()).TasksCompleted);
    }

    [Fact]
    public async Task A_paused_session_refuses_requests_until_resumed()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);

        Assert.Equal(SessionStatus.Paused, (await session.PauseAsync()).Value!.Status);
        Assert.Equal(CommandOutcome.Conflict, (await session.SubmitRequestAsync(new SubmitRequestInput { Text = "add tests" })).Outcome);
        Assert.Equal(SessionStatus.Active, (await session.ResumeAsync()).Value!.Status);
        Assert.Equal(CommandOutcome.Ok, (await session.SubmitRequestAsync(new SubmitRequestInput { Text = "add tests" })).Outcome);
    }

    [Fact]
    public async Task Bad_commands_are_refused_without_changing_anything()
    {
        var missing = Client.GetGrain<ISessionGrain>(GrainKeys.Session("acme", "s-missing"));
        Assert.Equal(CommandOutcome.NotFound, (await missing.SubmitRequestAsync(new SubmitRequestInput { Text = "x" })).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await missing.CancelAsync("x")).Outcome);
        Assert.Null(await missing.GetAsync());

        var session = await SessionFlow.CreateSessionAsync(Client);
        Assert.Equal(CommandOutcome.Invalid, (await session.SubmitRequestAsync(new SubmitRequestInput { Text = "  " })).Outcome);
        Assert.Equal(CommandOutcome.Invalid, (await session.SubmitRequestAsync(new SubmitRequestInput { Text = new string('x', SubmitRequestInput.MaxTextLength + 1) })).Outcome);
        Assert.Equal(CommandOutcome.Conflict, (await session.CreateAsync(new CreateSessionInput())).Outcome);
        Assert.Empty((await session.GetAsync())!.Requests);

        var badPlan = new WorkflowPlan { Steps = [new PlanStep { Id = "a", Agent = AgentNames.Code, DependsOn = ["a"] }] };
        var workflow = Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", GrainKeys.NewWorkflowId()));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => workflow.StartAsync(new StartWorkflowInput { SessionKey = session.GetPrimaryKeyString(), Plan = badPlan }));
        Assert.Contains("depends on itself", error.Message);
        Assert.Null(await workflow.GetAsync());
        var notStarted = await workflow.CancelAsync("x");
        Assert.Equal(CommandOutcome.NotFound, notStarted.Outcome);
        Assert.Equal("The workflow does not exist.", notStarted.Error);
        Assert.Null(notStarted.Value);
    }
}
