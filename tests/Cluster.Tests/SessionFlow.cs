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

    /// <summary>
    /// Waits until the session's log announces that <paramref name="workflow"/> finished, then reads it: its
    /// state is committed before the event is delivered.
    /// </summary>
    public static async Task<WorkflowSnapshot?> FinishedAsync(IClusterClient client, ISessionGrain session, IWorkflowGrain workflow)
    {
        await SessionEvents.WaitForAsync(client, session, SessionEvents.Finished(workflow), "workflow finished");
        return await workflow.GetAsync();
    }
}
