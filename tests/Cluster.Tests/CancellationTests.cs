using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

public class CancellationTests(GatedModelClusterFixture fixture) : IClassFixture<GatedModelClusterFixture>
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Cancelling_a_session_cancels_its_running_workflow_and_ends_it()
    {
        const string text = "design, implement, test, document and review a huge billing system";
        var design = fixture.Model.Hold(AgentNames.Design, text);
        var session = await SessionFlow.CreateSessionAsync(Client);
        var workflow = await SessionFlow.SubmitAsync(Client, session, text);
        await design.Entered;

        var cancelled = await session.CancelAsync("changed my mind");
        design.Open();

        Assert.Equal(CommandOutcome.Ok, cancelled.Outcome);
        Assert.Equal(SessionStatus.Completed, cancelled.Value!.Status);
        Assert.Equal("cancelled: changed my mind", cancelled.Value.EndReason);
        var snapshot = await workflow.GetAsync();
        Assert.Equal(WorkflowStatus.Cancelled, snapshot!.Status);
        Assert.Equal(StepStatus.Cancelled, snapshot.Steps.Single(s => s.Id == "design").Status);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Value.Requests.Single().Status);

        var refused = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "one more" });
        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal(CommandOutcome.Conflict, (await session.CancelAsync("again")).Outcome);
    }

    [Fact]
    public async Task A_session_with_running_work_cannot_complete_normally()
    {
        const string text = "implement the exporter";
        var code = fixture.Model.Hold(AgentNames.Code, text);
        var session = await SessionFlow.CreateSessionAsync(Client);
        var workflow = await SessionFlow.SubmitAsync(Client, session, text);
        await code.Entered;

        var refused = await session.CompleteAsync();

        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal(SessionStatus.Active, refused.Value!.Status);

        // Once the work is let through and has finished, the same command succeeds.
        code.Open();
        Assert.Equal(WorkflowStatus.Completed, (await SessionFlow.FinishedAsync(Client, session, workflow))!.Status);
        Assert.Equal(SessionStatus.Completed, (await session.CompleteAsync()).Value!.Status);
    }

    [Fact]
    public async Task A_step_that_outlives_its_timeout_is_retried_then_fails_the_workflow()
    {
        // The gate is never opened: every attempt is still running when its timeout strikes.
        var held = fixture.Model.Hold(AgentNames.Code, "take your time");
        var plan = new WorkflowPlan
        {
            Steps = [new PlanStep { Id = "slow", Agent = AgentNames.Code, Instruction = "take your time", Timeout = TimeSpan.FromSeconds(1), MaxAttempts = 2 }],
        };
        var session = await SessionFlow.CreateSessionAsync(Client);
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "slow", Plan = plan });
        var workflow = Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", submitted.Value!.WorkflowId));

        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);

        Assert.True(held.Entered.IsCompleted);
        Assert.Equal(WorkflowStatus.Failed, finished!.Status);
        var step = Assert.Single(finished.Steps);
        Assert.Equal(2, step.Attempts);
        Assert.Contains("timed out after 1 s", step.Error);
    }
}
