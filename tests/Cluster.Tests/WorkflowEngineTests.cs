using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

public class WorkflowEngineTests(ScriptedModelClusterFixture fixture) : IClassFixture<ScriptedModelClusterFixture>
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_throttled_step_is_retried_and_the_workflow_completes_with_the_error_kept()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var finished = await SessionFlow.FinishedAsync(Client, session, await SessionFlow.SubmitAsync(Client, session, "implement the retry path [flaky]"));

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        var step = Assert.Single(finished.Steps);
        Assert.Equal(StepStatus.Completed, step.Status);
        Assert.Equal(2, step.Attempts);
        Assert.Contains("rate limited", step.Error);
        Assert.Equal(2, fixture.Model.CallsFor("Implement this request: implement the retry path [flaky]"));
    }

    [Fact]
    public async Task An_agents_second_task_is_prompted_with_the_memory_of_its_first()
    {
        const string Prefix = "Implement this request: ";
        var session = await SessionFlow.CreateSessionAsync(Client);
        var first = await SessionFlow.FinishedAsync(Client, session, await SessionFlow.SubmitAsync(Client, session, "implement the zebra invoice exporter"));
        var second = await SessionFlow.FinishedAsync(Client, session, await SessionFlow.SubmitAsync(Client, session, "implement the zebra invoice importer"));

        Assert.Equal(WorkflowStatus.Completed, first!.Status);
        Assert.Equal(WorkflowStatus.Completed, second!.Status);
        var firstPrompt = Assert.Single(fixture.Model.SystemPromptsFor(Prefix + "implement the zebra invoice exporter"));
        var secondPrompt = Assert.Single(fixture.Model.SystemPromptsFor(Prefix + "implement the zebra invoice importer"));
        Assert.DoesNotContain(TDeveloper.Grains.Agents.Memory.AgentMemory.ContextHeader, firstPrompt);
        Assert.StartsWith("You are CodeAgent", secondPrompt);
        Assert.Contains(TDeveloper.Grains.Agents.Memory.AgentMemory.ContextHeader, secondPrompt);
        Assert.Contains("- instruction: " + Prefix + "implement the zebra invoice exporter", secondPrompt);
        Assert.Contains("- result: " + Assert.Single(first.Steps).Output![..60], secondPrompt);

        var agent = await Client.GetGrain<IAgentGrain>(GrainKeys.Agent(session.GetPrimaryKeyString(), AgentNames.Code)).GetAsync();
        Assert.Equal(4, agent.ConversationTurns); // two memory items per finished task
    }

    [Fact]
    public async Task Parallel_steps_fan_out_and_the_join_waits_for_all()
    {
        var plan = new WorkflowPlan
        {
            Steps =
            [
                new() { Id = "root", Agent = AgentNames.Design, Instruction = "root" },
                .. Enumerable.Range(0, 8).Select(i => new PlanStep { Id = $"branch{i}", Agent = AgentNames.All[i % 6], Instruction = $"branch {i}", DependsOn = ["root"] }),
                new() { Id = "join", Agent = AgentNames.Review, Instruction = "join", DependsOn = [.. Enumerable.Range(0, 8).Select(i => $"branch{i}")] },
            ],
        };
        var session = await SessionFlow.CreateSessionAsync(Client);
        var finished = await SessionFlow.FinishedAsync(Client, session, await SubmitPlanAsync(session, plan));

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Equal(3, finished.ParallelGroups.Length);
        var join = finished.Steps.Single(s => s.Id == "join");
        Assert.All(finished.Steps.Where(s => s.Id.StartsWith("branch")), b => Assert.True(b.FinishedAt <= join.StartedAt));
    }

    [Fact]
    public async Task A_failed_step_compensates_the_completed_steps_newest_first()
    {
        var plan = new WorkflowPlan
        {
            Steps =
            [
                new() { Id = "schema", Agent = AgentNames.Design, Instruction = "create the schema", CompensationInstruction = "drop the schema" },
                new() { Id = "service", Agent = AgentNames.Code, Instruction = "deploy the service", DependsOn = ["schema"], CompensationInstruction = "remove the service" },
                new() { Id = "smoke", Agent = AgentNames.Test, Instruction = "smoke test [fail]", DependsOn = ["service"], OnFailure = FailurePolicy.Compensate },
            ],
        };
        var session = await SessionFlow.CreateSessionAsync(Client);
        var finished = await SessionFlow.FinishedAsync(Client, session, await SubmitPlanAsync(session, plan));

        Assert.Equal(WorkflowStatus.Compensated, finished!.Status);
        Assert.Equal(StepStatus.Failed, finished.Steps.Single(s => s.Id == "smoke").Status);
        Assert.All(finished.Steps.Where(s => s.Id != "smoke"), s => Assert.Equal(StepStatus.Compensated, s.Status));
        Assert.Contains("remove the service", finished.Steps.Single(s => s.Id == "service").CompensationOutput);

        var log = await SessionEvents.WaitForAsync(Client, session, events => events.Any(e => e.Kind == SessionEventKind.WorkflowCompensated), "compensation logged");
        var undone = log.Where(e => e.Kind == SessionEventKind.StepCompensated).Select(e => e.StepId);
        Assert.Equal(["service", "schema"], undone);
    }

    [Fact]
    public async Task An_approval_wait_holds_no_activation_and_the_decision_brings_the_workflow_back()
    {
        var session = await SessionFlow.CreateSessionAsync(Client);
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "ship the importer", Template = "release" });
        Assert.Equal(CommandOutcome.Ok, submitted.Outcome);
        var workflow = Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", submitted.Value!.WorkflowId));
        await SessionEvents.WaitForAsync(Client, session, e => e.Any(x => x.Kind == SessionEventKind.StepAwaitingApproval && x.StepId == "approval"), "awaiting approval");

        await fixture.Cluster.DeactivateAsync(workflow);
        Assert.False(fixture.Cluster.TryGetGrainContext(workflow.GetGrainId(), out _), "the waiting workflow is deactivated");

        var decided = await workflow.DecideAsync(new ApprovalDecision { StepId = "approval", Approved = true, DecidedBy = "lead" });
        Assert.Equal(CommandOutcome.Ok, decided.Outcome);
        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Equal(StepStatus.Completed, finished.Steps.Single(s => s.Id == "docs").Status);
    }

    [Fact]
    public async Task A_failure_with_continue_skips_the_conditional_step_and_runs_the_soft_dependent()
    {
        var plan = new WorkflowPlan
        {
            Steps =
            [
                new() { Id = "build", Agent = AgentNames.Code, Instruction = "build it" },
                new() { Id = "test", Agent = AgentNames.Test, Instruction = "test it [fail]", DependsOn = ["build"], OnFailure = FailurePolicy.Continue },
                new() { Id = "review", Agent = AgentNames.Review, Instruction = "review it", DependsOn = ["build"], SoftDependsOn = ["test"], Condition = "steps.test.status == 'Completed'" },
                new() { Id = "notes", Agent = AgentNames.Docs, Instruction = "write notes, tests said: {{steps.test.output}}", SoftDependsOn = ["test"] },
            ],
        };
        var session = await SessionFlow.CreateSessionAsync(Client);
        var finished = await SessionFlow.FinishedAsync(Client, session, await SubmitPlanAsync(session, plan));

        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.Equal(StepStatus.Failed, finished.Steps.Single(s => s.Id == "test").Status);
        Assert.Equal(StepStatus.Skipped, finished.Steps.Single(s => s.Id == "review").Status);
        Assert.Equal(StepStatus.Completed, finished.Steps.Single(s => s.Id == "notes").Status);
    }

    private async Task<IWorkflowGrain> SubmitPlanAsync(ISessionGrain session, WorkflowPlan plan)
    {
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = "custom plan", Plan = plan });
        Assert.True(submitted.Outcome == CommandOutcome.Ok, submitted.Error);
        return Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("acme", submitted.Value!.WorkflowId));
    }
}
