using System.Net;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Tests.Security;

/// <summary>The tenant's role administration over HTTP: only with security:manage, validated with every problem listed.</summary>
public sealed class RbacApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    [Fact]
    public async Task An_admin_lists_defines_reads_and_deletes_roles_of_its_tenant()
    {
        var admin = await factory.CreateAuthenticatedClientAsync("rbac-api", BuiltInRoles.Admin);
        var roles = (await admin.GetFromJsonAsync<RoleView[]>("/v1/rbac/roles", ApiClient.Json))!;
        Assert.Equal(["admin", "developer", "viewer"], roles.Select(r => r.Name).ToArray());

        var body = new
        {
            inherits = new[] { BuiltInRoles.Viewer },
            rules = new object[]
            {
                new { id = "office-approvals", effect = "Allow", actions = new[] { Permissions.WorkflowsApprove }, resources = new[] { "tenants/*/workflows/**" }, priority = 0,
                      conditions = new { timeWindow = new { days = new[] { "Monday", "Tuesday" }, startHour = 8, endHour = 18 }, ipRanges = new[] { "10.0.0.0/8", "2001:db8::/32" }, attributes = new[] { new { attribute = "department", @operator = "In", values = new[] { "qa", "release" } } } } },
            },
        };
        var put = await admin.PutAsJsonAsync("/v1/rbac/roles/release-manager", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var role = (await admin.GetFromJsonAsync<RoleView>("/v1/rbac/roles/release-manager", ApiClient.Json))!;
        var rule = role.Layers.Single().Definition.Rules.Single();
        Assert.Equal((RoleSource.Tenant, "office-approvals", 18), (role.Layers.Single().Source, rule.Id, rule.Conditions!.TimeWindow!.EndHour));
        Assert.Equal(RbacAttributeOperator.In, rule.Conditions.Attributes.Single().Operator);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/v1/rbac/roles/release-manager")).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/v1/rbac/roles/release-manager"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync("/v1/rbac/roles/release-manager"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_role_is_refused_with_every_problem_and_nothing_is_stored()
    {
        var admin = await factory.CreateAuthenticatedClientAsync("rbac-invalid", BuiltInRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/rbac/roles/a", new { inherits = new[] { "viewer" } })).StatusCode);
        var body = new
        {
            inherits = new[] { "a", "ghost" },
            rules = new[] { new { effect = "Allow", actions = new[] { "sessions" }, resources = new[] { "**" }, conditions = new { ipRanges = new[] { "10.0.0.0/99" } } } },
        };
        var problem = await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/v1/rbac/roles/b", body), HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("inherits 'ghost'", detail);
        Assert.Contains("'sessions' is not an action pattern", detail);
        Assert.Contains("'10.0.0.0/99' is not a CIDR range", detail);

        var cycle = await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/v1/rbac/roles/a", new { inherits = new[] { "a" } }), HttpStatusCode.BadRequest);
        Assert.Contains("inheritance cycle: a → a.", cycle.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/v1/rbac/roles/b"), HttpStatusCode.NotFound);
        var a = (await admin.GetFromJsonAsync<RoleView>("/v1/rbac/roles/a", ApiClient.Json))!;
        Assert.Equal(["viewer"], a.Layers.Single().Definition.Inherits.ToArray());

        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/v1/rbac/roles/bad%20name", new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PutAsync("/v1/rbac/roles/c", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_developer_may_not_manage_roles()
    {
        var developer = await factory.CreateAuthenticatedClientAsync("rbac-dev", BuiltInRoles.Developer);
        var problem = await ProblemAssert.IsProblemAsync(await developer.PutAsJsonAsync("/v1/rbac/roles/developer", new { inherits = new[] { "admin" } }), HttpStatusCode.Forbidden);
        Assert.Contains("security:manage", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await developer.GetAsync("/v1/rbac/roles"), HttpStatusCode.Forbidden);
    }
}
