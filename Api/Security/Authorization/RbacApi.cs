using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>
/// The tenant's RBAC administration (<see cref="Permissions.SecurityManage"/>): list, read, define and delete roles.
/// The tenant is the caller's (from the credential). A change takes effect at once on this host, within
/// <c>TDeveloper:Security:Rbac:RefreshInterval</c> on the others; it is audited as an admin action.
/// </summary>
public static class RbacApi
{
    /// <summary>Maps <c>/v1/rbac/roles</c> on the <c>/v1</c> group.</summary>
    public static RouteGroupBuilder MapRbacApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var roles = v1.MapGroup("/rbac/roles").WithTags("RBAC");
        roles.MapGet("", ListAsync).WithName("ListRoles")
            .WithSummary("List the roles of the tenant: built-in, configured and its own, each with its layers")
            .RequirePermission(Permissions.SecurityManage, "rbac/roles");
        roles.MapGet("/{name}", GetAsync).WithName("GetRole").WithSummary("Get a role with its layers")
            .RequirePermission(Permissions.SecurityManage, "rbac/roles/{name}")
            .ProducesProblem(StatusCodes.Status404NotFound);
        roles.MapPut("/{name}", PutAsync).WithName("PutRole")
            .WithSummary("Define the tenant's own role, or its additions to a built-in or configured role (inherited roles, allow and deny rules)")
            .RequirePermission(Permissions.SecurityManage, "rbac/roles/{name}")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesBodyProblems();
        roles.MapDelete("/{name}", DeleteAsync).WithName("DeleteRole")
            .WithSummary("Delete the tenant's own definition of a role (built-in and configured layers stay)")
            .RequirePermission(Permissions.SecurityManage, "rbac/roles/{name}")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<Ok<ImmutableArray<RoleView>>> ListAsync(HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(await Grain(cluster, http).ListRolesAsync().WaitAsync(http.RequestAborted));

    private static async Task<Results<Ok<RoleView>, ProblemHttpResult>> GetAsync([GrainKeySegment] string name, HttpContext http, IClusterClient cluster) =>
        ApiResults.OkOrNotFound(await Grain(cluster, http).GetRoleAsync(name).WaitAsync(http.RequestAborted), "Role", name);

    private static async Task<Results<Ok<RoleView>, ProblemHttpResult>> PutAsync(
        [GrainKeySegment] string name, RoleBody body, HttpContext http, IClusterClient cluster, IAccessPolicy policy, IAuditTrail audit, TimeProvider time)
    {
        var result = await Grain(cluster, http).PutRoleAsync(body.ToDefinition(name)).WaitAsync(http.RequestAborted);
        if (!result.IsOk) return result.ToProblem();
        await ChangedAsync(http, name, "put-role", policy, audit, time);
        return TypedResults.Ok(result.Value);
    }

    private static async Task<Results<Ok<RoleDefinition>, ProblemHttpResult>> DeleteAsync(
        [GrainKeySegment] string name, HttpContext http, IClusterClient cluster, IAccessPolicy policy, IAuditTrail audit, TimeProvider time)
    {
        var result = await Grain(cluster, http).DeleteRoleAsync(name).WaitAsync(http.RequestAborted);
        if (!result.IsOk) return result.ToProblem();
        await ChangedAsync(http, name, "delete-role", policy, audit, time);
        return TypedResults.Ok(result.Value);
    }

    private static async Task ChangedAsync(HttpContext http, string role, string change, IAccessPolicy policy, IAuditTrail audit, TimeProvider time)
    {
        var caller = Caller(http);
        policy.Invalidate(caller.Tenant);
        await audit.RecordAsync(new AuditEvent
        {
            Tenant = caller.Tenant,
            Kind = AuditEventKinds.AdminAction,
            Actor = caller.Subject,
            Resource = RbacResources.Of(caller.Tenant, $"rbac/roles/{role}"),
            Outcome = "success",
            At = time.GetUtcNow(),
            IpAddress = caller.IpAddress,
            Details = ImmutableDictionary<string, string>.Empty.Add("change", change),
        }, http.RequestAborted);
    }

    private static CallerIdentity Caller(HttpContext http) =>
        CallerIdentities.Of(http) ?? throw new InvalidOperationException("An RBAC route ran without a caller; its permission requirement should have refused it.");

    private static IRbacPolicyGrain Grain(IClusterClient cluster, HttpContext http) => cluster.GetGrain<IRbacPolicyGrain>(Caller(http).Tenant);
}
