using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests.Security;

/// <summary>Every <c>/v1</c> route declares its permission and resource, or that it is open to anyone: none is forgotten.</summary>
public sealed class EndpointPermissionTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private static readonly HashSet<string> KnownPermissions = typeof(Permissions).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToHashSet();

    private IEnumerable<RouteEndpoint> V1Routes() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true);

    [Fact]
    public void Every_v1_route_declares_a_permission_or_that_it_is_anonymous()
    {
        var routes = V1Routes().ToList();
        Assert.True(routes.Count >= 25, $"Only {routes.Count} /v1 routes were found; the enumeration is broken.");
        var undeclared = routes
            .Where(e => e.Metadata.GetMetadata<PermissionRequirement>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{e.DisplayName} ({e.RoutePattern.RawText})").ToList();
        Assert.True(undeclared.Count == 0, "Routes with neither a permission nor an anonymous marker: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Every_declared_permission_is_known_and_its_resource_names_only_route_values()
    {
        foreach (var route in V1Routes())
        {
            if (route.Metadata.GetMetadata<PermissionRequirement>() is not { } requirement) continue;
            Assert.Contains(requirement.Permission, KnownPermissions);
            Assert.True(route.Metadata.GetMetadata<IAuthorizeData>() is not null || route.Metadata.GetMetadata<AuthorizationPolicy>() is not null, $"{route.DisplayName} declares a permission that nothing enforces.");
            foreach (var parameter in PermissionResources.ParametersOf(requirement.Resource))
                Assert.True(route.RoutePattern.GetParameter(parameter) is not null, $"{route.DisplayName}: resource '{requirement.Resource}' names '{parameter}', which is not a route value of {route.RoutePattern.RawText}.");
        }
    }

    [Fact]
    public void The_routes_require_what_the_roles_are_meant_to_grant()
    {
        string Of(string name) => V1Routes().Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name).Metadata.GetMetadata<PermissionRequirement>()!.ToString();
        Assert.Equal("sessions:read on tenants/{tenant}/sessions/{id}", Of("GetSession"));
        Assert.Equal("sessions:cancel on tenants/{tenant}/sessions/{id}", Of("CancelSession"));
        Assert.Equal("sessions:read on tenants/{tenant}/sessions/{id}/events", Of("WatchSession"));
        Assert.Equal("workspaces:read on tenants/{tenant}/sessions/{id}/workspace/files/{path}", Of("DownloadWorkspaceFile"));
        Assert.Equal("workflows:approve on tenants/{tenant}/workflows/{id}/steps/{stepId}", Of("DecideApproval"));
        Assert.Equal("usage:read on tenants/{tenant}/usage", Of("GetTenantUsage"));
        Assert.Equal("security:manage on tenants/{tenant}/rbac/roles/{name}", Of("PutRole"));
    }

    [Fact]
    public async Task A_request_without_a_credential_is_refused_with_401_problem_details()
    {
        using var anonymous = factory.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/v1/templates"), System.Net.HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync("/v1/sessions", null), System.Net.HttpStatusCode.Unauthorized);
    }
}
