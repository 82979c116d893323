using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

public sealed class SiloFailureTests : FileStoreClusterFixture
{
    private readonly GatedChatClient _model = new(TestModels.FastOffline());
    private readonly GrainCallProbe _probe = new();

    // The resume reminder would tick only after the test's deadline: the recovery service has to bring the workflow back.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["TDeveloper:Workflows:ResumeInterval"] = "00:30:00" };

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddTestModel(_model).AddSingleton<IIncomingGrainCallFilter>(_probe);

    [Fact]
    public async Task A_workflow_whose_silo_is_killed_finishes_on_the_other_silo()
    {
        var client = Client;
        var code = _model.Hold(AgentNames.Code);
        var session = await SessionFlow.CreateSessionAsync(client);
        var workflow = await SessionFlow.SubmitAsync(client, session, "design, implement and test a login API");

        // The design step is done and the code step is in flight, held at the model: the kill lands mid-workflow.
        await SessionEvents.WaitForAsync(client, session, SessionEvents.StepCompleted("design"), "design step done");
        await code.Entered;
        Assert.True(Cluster.TryGetGrainContext(workflow.GetGrainId(), out var context), "the workflow is active somewhere");
        var doomed = Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await Cluster.KillSiloAsync(doomed);
        code.Open();

        // Watch the session's events, not the workflow: calling the workflow would reactivate it, and this
        // test is about the membership-driven recovery bringing it back by itself.
        await SessionEvents.WaitForAsync(client, session, e => e.Any(x => x.Kind == SessionEventKind.WorkflowCompleted), "workflow completed");

        await _probe.WorkflowEndNoticedAsync(session);
        Assert.Equal(WorkflowStatus.Completed, (await session.GetAsync())!.Requests.Single().Status);

        var finished = await workflow.GetAsync();
        Assert.All(finished!.Steps, s => Assert.Equal(StepStatus.Completed, s.Status));
        Assert.Equal(1, finished.Steps.Single(s => s.Id == "design").Attempts);
        Assert.True(Cluster.TryGetGrainContext(workflow.GetGrainId(), out var after));
        Assert.NotEqual(doomed.SiloAddress, after.Address.SiloAddress);
        SessionEvents.AssertEachStepCompletedOnce(await SessionEvents.ReadAllAsync(client, session), finished.Id, finished.Steps.Select(s => s.Id));
    }
}
