using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

public sealed class SiloFailureTests : FileStoreClusterFixture
{
    protected override TimeSpan? ModelLatency => TimeSpan.FromSeconds(1.5);

    // The resume reminder would tick only after the test's deadline: the recovery service has to bring the workflow back.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["TDeveloper:Workflows:ResumeInterval"] = "00:30:00" };

    [Fact]
    public async Task A_workflow_whose_silo_is_killed_finishes_on_the_other_silo()
    {
        var client = Client;
        var session = await SessionFlow.CreateSessionAsync(client);
        var workflow = await SessionFlow.SubmitAsync(client, session, "design, implement and test a login API");
        await Eventually.MatchAsync(workflow.GetAsync, w => w!.Steps.Single(s => s.Id == "design").Status == StepStatus.Completed, what: "design step done");

        Assert.True(Cluster.TryGetGrainContext(workflow.GetGrainId(), out var context), "the workflow is active somewhere");
        var doomed = Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await Cluster.KillSiloAsync(doomed);

        // Watch the session's events, not the workflow: calling the workflow would reactivate it, and this
        // test is about the membership-driven recovery bringing it back by itself.
        await SessionEvents.WaitForAsync(client, session, e => e.Any(x => x.Kind == SessionEventKind.WorkflowCompleted), "workflow completed");
        var snapshot = await session.GetAsync();
        Assert.Equal(WorkflowStatus.Completed, snapshot!.Requests.Single().Status);

        var finished = await workflow.GetAsync();
        Assert.All(finished!.Steps, s => Assert.Equal(StepStatus.Completed, s.Status));
        Assert.Equal(1, finished.Steps.Single(s => s.Id == "design").Attempts);
        Assert.True(Cluster.TryGetGrainContext(workflow.GetGrainId(), out var after));
        Assert.NotEqual(doomed.SiloAddress, after.Address.SiloAddress);
        SessionEvents.AssertEachStepCompletedOnce(await SessionEvents.ReadAllAsync(client, session), finished.Id, finished.Steps.Select(s => s.Id));
    }
}
