using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Cluster.Tests.Security;

/// <summary>
/// The silos' grain call filter on two silos, called directly with the cluster client as an attacker would who got past
/// the API: a caller of one tenant cannot touch another's grains, a viewer cannot write, nobody may call the system's own
/// methods, and calls without a caller (the system's) and the grain-to-grain calls of a legitimate request go through.
/// </summary>
public sealed class GrainAccessTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IClusterClient Client => fixture.Client;

    private static async Task<T> As<T>(CallerIdentity? caller, Func<Task<T>> call)
    {
        CallerContext.Set(caller);
        try
        {
            return await call();
        }
        finally
        {
            CallerContext.Set(null);
        }
    }

    private static Task As(CallerIdentity? caller, Func<Task> call) => As<bool>(caller, async () =>
    {
        await call();
        return true;
    });

    private static CallerIdentity User(string tenant, params string[] roles) => new() { Tenant = tenant, Subject = $"user-of-{tenant}", Roles = [.. roles] };

    [Fact]
    public async Task A_caller_of_tenant_A_calling_tenant_B_grains_directly_is_denied_and_nothing_changes()
    {
        // The system (no caller) creates B's session.
        var session = await SessionFlow.CreateSessionAsync(Client, "tenant-b");
        var key = session.GetPrimaryKeyString();
        var adminOfA = User("tenant-a", BuiltInRoles.Admin);

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => session.CancelAsync("mallory")));
        Assert.Contains("tenant isolation", denied.Reason);
        Assert.Equal($"tenants/tenant-b/sessions/{GrainKeys.LocalIdOf(key)}", denied.Resource);
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => session.GetAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<IWorkspaceGrain>(key).ListAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<IWorkspaceGrain>(key).ZipAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<ISessionEventLogGrain>(key).ReadAsync(0, 10)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<IAgentGrain>(GrainKeys.Agent(key, AgentNames.Code)).GetAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<IWorkflowGrain>(GrainKeys.Workflow("tenant-b", "w-1")).GetAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<ITenantUsageGrain>("tenant-b").GetAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(adminOfA, () => Client.GetGrain<IRbacPolicyGrain>("tenant-b").PutRoleAsync(new RoleDefinition { Name = "viewer", Inherits = ["admin"] })));

        var after = await session.GetAsync();
        Assert.Equal(SessionStatus.Active, after!.Status);
        Assert.Empty((await Client.GetGrain<IRbacPolicyGrain>("tenant-b").GetPolicyAsync()).Roles);
    }

    [Fact]
    public async Task A_viewer_calling_a_write_is_denied_while_reads_go_through()
    {
        var session = await SessionFlow.CreateSessionAsync(Client, "tenant-v");
        var viewer = User("tenant-v", BuiltInRoles.Viewer);

        Assert.NotNull(await As(viewer, () => session.GetAsync()));
        var pause = await Assert.ThrowsAsync<AccessDeniedException>(() => As(viewer, () => session.PauseAsync()));
        Assert.Equal(Permissions.SessionsWrite, pause.Action);
        Assert.Contains("denied by default", pause.Reason);
        var cancel = await Assert.ThrowsAsync<AccessDeniedException>(() => As(viewer, () => session.CancelAsync("viewer")));
        Assert.Equal(Permissions.SessionsCancel, cancel.Action);
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(viewer, () => session.SubmitRequestAsync(new SubmitRequestInput { Text = "add a login API" })));

        Assert.Equal(SessionStatus.Active, (await session.GetAsync())!.Status);
        Assert.Empty((await session.GetAsync())!.Requests);
    }

    [Fact]
    public async Task No_user_may_call_the_systems_own_methods_whatever_the_role()
    {
        var session = await SessionFlow.CreateSessionAsync(Client, "tenant-s");
        var key = session.GetPrimaryKeyString();
        var admin = User("tenant-s", BuiltInRoles.Admin);

        await Assert.ThrowsAsync<AccessDeniedException>(() => As(admin, () => Client.GetGrain<IWorkspaceGrain>(key).WriteAsync(new WorkspaceWriteInput { Path = "evil.txt", Content = [1], Writer = "mallory" })));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(admin, () => Client.GetGrain<ISessionEventSink>(key).AppendAsync("mallory", 1, [])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(admin, () => Client.GetGrain<IWorkflowCallbacks>(GrainKeys.Workflow("tenant-s", "w-1")).RecoverAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(admin, () => Client.GetGrain<ITenantUsageGrain>("tenant-s").AddAsync("offline", new ModelUsage { InputTokens = 1_000_000 })));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(admin, () => Client.GetGrain<IModelQuotaGrain>("offline").TryAcquireAsync(1)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(admin, () => Client.GetGrain<IRbacPolicyGrain>("tenant-s").GetPolicyAsync()));

        Assert.Empty(await Client.GetGrain<IWorkspaceGrain>(key).ListAsync());
        Assert.Equal(0, (await Client.GetGrain<ITenantUsageGrain>("tenant-s").GetAsync()).Total.InputTokens);
    }

    [Fact]
    public async Task System_calls_without_a_caller_are_allowed()
    {
        var session = await SessionFlow.CreateSessionAsync(Client, "tenant-sys");
        var key = session.GetPrimaryKeyString();
        var write = await Client.GetGrain<IWorkspaceGrain>(key).WriteAsync(new WorkspaceWriteInput { Path = "a.txt", Content = [1, 2], Writer = "system" });
        Assert.Equal(CommandOutcome.Ok, write.Outcome);
        await Client.GetGrain<ITenantUsageGrain>("tenant-sys").AddAsync("offline", new ModelUsage { InputTokens = 5 });
        Assert.Equal(5, (await Client.GetGrain<ITenantUsageGrain>("tenant-sys").GetAsync()).Total.InputTokens);
        Assert.Equal(CommandOutcome.Ok, (await session.PauseAsync()).Outcome);
    }

    [Fact]
    public async Task A_developer_submitting_a_request_runs_it_to_completion_through_every_grain_it_calls()
    {
        var developer = User("tenant-d", BuiltInRoles.Developer);
        var (session, workflow) = await As(developer, async () =>
        {
            var created = await SessionFlow.CreateSessionAsync(Client, "tenant-d");
            return (created, await SessionFlow.SubmitAsync(Client, created, "add a login API with tests"));
        });

        // Session → supervisor → workflow → agents → workspace → results back to the workflow → events: all carried the developer.
        var finished = await As(developer, () => SessionFlow.FinishedAsync(Client, session, workflow));
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
        Assert.NotEmpty(await As(developer, () => Client.GetGrain<IWorkspaceGrain>(session.GetPrimaryKeyString()).ListAsync()));
        Assert.True((await As(developer, () => Client.GetGrain<ITenantUsageGrain>("tenant-d").GetAsync())).Total.InputTokens > 0);
    }

    [Fact]
    public async Task A_tenants_custom_deny_is_enforced_at_the_grains()
    {
        var session = await SessionFlow.CreateSessionAsync(Client, "tenant-r");
        var rule = new RbacRule { Id = "no-pausing", Effect = RbacEffect.Deny, Actions = [Permissions.SessionsWrite], Resources = ["tenants/*/sessions/*"] };

        // Defined by the system before any user of the tenant called, so no silo holds an older copy of the policy.
        var put = await Client.GetGrain<IRbacPolicyGrain>("tenant-r").PutRoleAsync(new RoleDefinition { Name = BuiltInRoles.Developer, Rules = [rule] });
        Assert.Equal(CommandOutcome.Ok, put.Outcome);

        var developer = User("tenant-r", BuiltInRoles.Developer);
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => As(developer, () => session.PauseAsync()));
        Assert.Contains("no-pausing", denied.Reason);
        Assert.NotNull(await As(developer, () => session.GetAsync()));
        Assert.Equal(SessionStatus.Active, (await session.GetAsync())!.Status);
    }
}
