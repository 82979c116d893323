using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

public class CancellationTests(SlowModelClusterFixture fixture) : IClassFixture<SlowModelClusterFixture>
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task Cancelling_a_session_cancels_its_running_workflow_and_ends_it()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var workflow = await SessionFlow.SubmitAsync(Client, session, "design, implement, test, document and review a huge billing system");

        var cancelled = await session.CancelAsync("changed my mind");

        Assert.Equal(CommandOutcome.Ok, cancelled.Outcome);
        Assert.Equal(SessionStatus.Completed, cancelled.Value!.Status);
        Assert.Equal("cancelled: changed my mind", cancelled.Value.EndReason);
        var snapshot = await workflow.GetAsync();
        Assert.Equal(WorkflowStatus.Cancelled, snapshot!.Status);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Value.Requests.Single().Status);

        var refused = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "one more" });
        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal(CommandOutcome.Conflict, (await session.CancelAsync("again")).Outcome);
    }

    [Fact]
    public async Task A_session_with_running_work_cannot_complete_normally()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        await SessionFlow.SubmitAsync(Client, session, "implement the exporter");

        var refused = await session.CompleteAsync();

        Assert.Equal(CommandOutcome.Conflict, refused.Outcome);
        Assert.Equal(SessionStatus.Active, refused.Value!.Status);
    }

    [Fact]
    public async Task A_step_that_outlives_its_timeout_is_retried_then_fails_the_workflow()
    {
        var plan = new WorkflowPlan
        {
            Steps = [new PlanStep { Id = "slow", Agent = TDeveloper.Grains.Interfaces.Agents.AgentNames.Code, Instruction = "take your time", Timeout = TimeSpan.FromSeconds(1), MaxAttempts = 2 }],
        };
        var session = await SessionFlow.CreateSessionAsync(Client);
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "slow", Plan = plan });
        var workflow = Client.GetGrain<IWorkflowGrain>(TDeveloper.Grains.Interfaces.GrainKeys.Workflow("acme", submitted.Value!.WorkflowId));

        var finished = await SessionFlow.FinishedAsync(workflow);

        Assert.Equal(WorkflowStatus.Failed, finished!.Status);
        var step = Assert.Single(finished.Steps);
        Assert.Equal(2, step.Attempts);
        Assert.Contains("timed out after 1 s", step.Error);
    }
}
