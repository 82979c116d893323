using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>Steps every cluster test takes: create a session, submit a request, wait for its workflow.</summary>
public static class SessionFlow
{
    public static async Task<ISessionGrain> CreateSessionAsync(IGrainFactory grains, string tenant = "acme")
    {
        var session = grains.GetGrain<ISessionGrain>(GrainKeys.Session(tenant, GrainKeys.NewSessionId()));
        var created = await session.CreateAsync(new CreateSessionInput { Owner = "tests" });
        Assert.Equal(CommandOutcome.Ok, created.Outcome);
        return session;
    }

    public static async Task<IWorkflowGrain> SubmitAsync(IGrainFactory grains, ISessionGrain session, string text)
    {
        var submitted = await session.SubmitRequestAsync(new SubmitRequestInput { Text = text });
        Assert.Equal(CommandOutcome.Ok, submitted.Outcome);
        return grains.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(GrainKeys.TenantOf(session.GetPrimaryKeyString()), submitted.Value!.WorkflowId));
    }

    public static Task<WorkflowSnapshot?> FinishedAsync(IWorkflowGrain workflow) =>
        Eventually.MatchAsync(workflow.GetAsync, w => w is { } found && !found.Status.IsActive(), what: "workflow finished");
}
