using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>A model whose first call of one agent hangs until it is cancelled (a stalled model call); later calls are answered.</summary>
public sealed partial class StallOnceChatClient(IChatClient inner, string agent) : AnswerOnceChatClient(inner)
{
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Gets a task that completes when the stalled call has begun.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Gets whether the stalled call was cancelled (its agent gave it up).</summary>
    public bool StallCancelled { get; private set; }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var system = list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";
        if (system.Contains($"You are {agent}", StringComparison.Ordinal) && StartsTurn(list) && Interlocked.Increment(ref _calls) == 1)
        {
            _stalled.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                StallCancelled = true;
                throw;
            }
        }

        return await base.GetResponseAsync(list, options, cancellationToken);
    }
}

/// <summary>A stalled agent is found by its session's heartbeat, recreated, and its workflow still finishes.</summary>
public sealed class StalledAgentTests : FileStoreClusterFixture
{
    private readonly StallOnceChatClient _model = new(TestModels.FastOffline(), AgentNames.Design);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Sessions:Health:StaleAgentAfter"] = "00:00:02",
        ["TDeveloper:Workflows:ResumeInterval"] = "00:30:00", // the heartbeat, not the resume reminder, must hand the step over
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(_model);

    [Fact]
    public async Task The_heartbeat_recreates_a_stalled_agent_and_the_workflow_finishes()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var workflow = await SessionFlow.SubmitAsync(Client, session, "design, implement and test a login API");
        await _model.Stalled.WaitAsync(TimeSpan.FromMinutes(1));
        var agent = Client.GetGrain<IAgentGrain>(GrainKeys.Agent(session.GetPrimaryKeyString(), AgentNames.Design));
        var before = await agent.GetHealthAsync();
        Assert.Equal("design", Assert.Single(before.Tasks).StepId);

        var events = await SessionEvents.WaitForAsync(Client, session, SessionEvents.Finished(workflow), "workflow finished");

        var recreated = Assert.Single(events, e => e.Kind == SessionEventKind.AgentRecreated);
        Assert.Equal(AgentNames.Design, recreated.Agent);
        Assert.Contains("made no progress", recreated.Message);
        Assert.True(_model.StallCancelled, "the stalled call was cancelled by the recreation");
        var finished = await workflow.GetAsync();
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Equal(1, finished.Steps.Single(s => s.Id == "design").Attempts); // handed over, not failed and retried
        Assert.All(finished.Steps, s => Assert.Equal(StepStatus.Completed, s.Status));
        Assert.NotEqual(before.ActivationId, (await agent.GetHealthAsync()).ActivationId);
        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.AgentFallback);
    }
}

/// <summary>Many sessions with running requests heartbeat on two silos: every agent is checked, none is recreated.</summary>
public sealed class ManySessionsHeartbeatTests : FileStoreClusterFixture
{
    private const int Sessions = 200;
    private readonly GatedChatClient _model = new(TestModels.FastOffline());

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(_model);

    [Fact]
    public async Task Two_hundred_sessions_heartbeat_and_stay_healthy()
    {
        long checks = 0, actions = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == TDeveloperTelemetry.SessionAgentChecks || instrument == TDeveloperTelemetry.SessionAgentActions) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument == TDeveloperTelemetry.SessionAgentActions) Interlocked.Add(ref actions, value);
            else if (Interlocked.Add(ref checks, value) >= Sessions * 3) enough.TrySetResult();
        });
        listener.Start();

        // Every design step is held at the model: each session has a running request with a task in flight for the whole test.
        var held = _model.Hold(AgentNames.Design);
        var plan = new WorkflowPlan { Steps = [new PlanStep { Id = "design", Agent = AgentNames.Design, Instruction = "design a login API" }] };
        var sessions = new ConcurrentBag<(ISessionGrain Session, IWorkflowGrain Workflow)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Sessions), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, _) =>
        {
            var session = await SessionFlow.CreateSessionAsync(Client);
            var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "design a login API", Plan = plan });
            Assert.Equal(CommandOutcome.Ok, submitted.Outcome);
            sessions.Add((session, Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", submitted.Value!.WorkflowId))));
        });
        Interlocked.Exchange(ref checks, 0); // count from here: all sessions run, each checks its agent every heartbeat (1 s)

        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, Interlocked.Read(ref actions));
        held.Open();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) =>
        {
            var events = await SessionEvents.WaitForAsync(Client, s.Session, SessionEvents.Finished(s.Workflow), "workflow finished");
            Assert.DoesNotContain(events, e => e.Kind is SessionEventKind.AgentRecreated or SessionEventKind.AgentFallback);
            Assert.Equal(WorkflowStatus.Completed, await s.Workflow.GetStatusAsync());
        });
        Assert.Equal(0, Interlocked.Read(ref actions));
    }
}
