using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Security.Rbac;

namespace TDeveloper.Unit.Tests.Security.Rbac;

public sealed class GrainCallAuthorizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The engine itself behind <see cref="IAccessPolicy"/>, for the built-in roles.</summary>
    private sealed class BuiltInPolicy : IAccessPolicy
    {
        public List<(string Action, string Resource)> Asked { get; } = [];

        public ValueTask<AccessDecision> EvaluateAsync(CallerIdentity caller, string action, string resource, CancellationToken cancellationToken = default)
        {
            Asked.Add((action, resource));
            return ValueTask.FromResult(RbacPolicy.BuiltIn.Evaluate(new AccessRequest(caller, action, resource, Now)));
        }

        public void Invalidate(string tenant)
        {
        }
    }

    private static GrainMethodAccess Access<T>(string method) => GrainMethodAccess.Of(typeof(T).GetMethod(method)!)!;

    private static CallerIdentity Caller(string tenant, params string[] roles) => new() { Tenant = tenant, Subject = "ana", Roles = [.. roles] };

    [Fact]
    public async Task A_caller_of_another_tenant_is_refused_even_from_inside_the_cluster()
    {
        var policy = new BuiltInPolicy();
        var outside = await GrainCallAuthorizer.AuthorizeAsync(Access<ISessionGrain>(nameof(ISessionGrain.GetAsync)), "globex/s-1", Caller("acme", BuiltInRoles.Admin), fromOutside: true, policy);
        var inside = await GrainCallAuthorizer.AuthorizeAsync(Access<ISessionGrain>(nameof(ISessionGrain.GetAsync)), "globex/s-1", Caller("acme", BuiltInRoles.Admin), fromOutside: false, policy);
        var usage = await GrainCallAuthorizer.AuthorizeAsync(Access<ITenantUsageGrain>(nameof(ITenantUsageGrain.GetAsync)), "globex", Caller("acme", BuiltInRoles.Admin), fromOutside: true, policy);

        Assert.Contains("tenant isolation", outside!.Reason);
        Assert.Contains("tenant isolation", inside!.Reason);
        Assert.Contains("tenant isolation", usage!.Reason);
        Assert.Equal("tenants/globex/sessions/s-1", outside.Resource);
        Assert.Empty(policy.Asked);
    }

    [Fact]
    public async Task A_call_from_outside_needs_the_methods_permission_on_the_grains_resource()
    {
        var policy = new BuiltInPolicy();
        var viewer = Caller("acme", BuiltInRoles.Viewer);

        Assert.Null(await GrainCallAuthorizer.AuthorizeAsync(Access<ISessionGrain>(nameof(ISessionGrain.GetAsync)), "acme/s-1", viewer, true, policy));
        var pause = await GrainCallAuthorizer.AuthorizeAsync(Access<ISessionGrain>(nameof(ISessionGrain.PauseAsync)), "acme/s-1", viewer, true, policy);
        Assert.Equal(Permissions.SessionsWrite, pause!.Action);
        Assert.Null(await GrainCallAuthorizer.AuthorizeAsync(Access<IAgentGrain>(nameof(IAgentGrain.GetAsync)), "acme/s-1/coder", viewer, true, policy));
        Assert.Null(await GrainCallAuthorizer.AuthorizeAsync(Access<ISupervisorGrain>(nameof(ISupervisorGrain.ListTemplatesAsync)), "0", viewer, true, policy));

        Assert.Equal(
            [(Permissions.SessionsRead, "tenants/acme/sessions/s-1"), (Permissions.SessionsWrite, "tenants/acme/sessions/s-1"), (Permissions.SessionsRead, "tenants/acme/sessions/s-1/agents/coder"), (Permissions.TemplatesRead, "tenants/acme/templates")],
            policy.Asked);
    }

    [Fact]
    public async Task A_call_a_grain_makes_while_serving_a_user_is_not_checked_again_for_permissions()
    {
        var viewer = Caller("acme", BuiltInRoles.Viewer);
        Assert.Null(await GrainCallAuthorizer.AuthorizeAsync(Access<IAgentGrain>(nameof(IAgentGrain.StartTaskAsync)), "acme/s-1/coder", viewer, fromOutside: false, new BuiltInPolicy()));
        Assert.Null(await GrainCallAuthorizer.AuthorizeAsync(Access<ISessionGrain>(nameof(ISessionGrain.PauseAsync)), "acme/s-1", viewer, fromOutside: false, new BuiltInPolicy()));
    }

    [Fact]
    public async Task A_system_only_method_is_refused_to_any_user_from_outside()
    {
        var admin = Caller("acme", BuiltInRoles.Admin);
        var start = await GrainCallAuthorizer.AuthorizeAsync(Access<IAgentGrain>(nameof(IAgentGrain.StartTaskAsync)), "acme/s-1/coder", admin, true, new BuiltInPolicy());
        var quota = await GrainCallAuthorizer.AuthorizeAsync(Access<IModelQuotaGrain>(nameof(IModelQuotaGrain.TryAcquireAsync)), "offline", admin, true, new BuiltInPolicy());

        Assert.Contains("system's own", start!.Reason);
        Assert.Equal("IAgentGrain.StartTaskAsync", start.Action);
        Assert.NotNull(quota);
    }

    [Fact]
    public async Task A_key_without_a_tenant_is_refused()
    {
        var denial = await GrainCallAuthorizer.AuthorizeAsync(Access<ISessionGrain>(nameof(ISessionGrain.GetAsync)), "no-tenant", Caller("acme", BuiltInRoles.Admin), true, new BuiltInPolicy());
        Assert.Contains("names no tenant", denial!.Reason);
    }

    [Fact]
    public void Methods_of_interfaces_that_declare_nothing_are_not_ours_to_check() =>
        Assert.Null(GrainMethodAccess.Of(typeof(IRemindable).GetMethods().First(m => m.Name == nameof(IRemindable.ReceiveReminder))));
}
