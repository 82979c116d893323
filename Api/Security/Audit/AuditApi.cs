using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Audit;

namespace TDeveloper.Api.Security.Audit;

/// <summary>The audit route: the caller's tenant's security events, filtered and paged.</summary>
public static class AuditApi
{
    /// <summary>Maps <c>GET /audit</c> under <paramref name="v1"/>; it needs <see cref="Permissions.AuditRead"/>.</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/audit", ReadAsync).WithTags("Audit").WithName("ReadAuditLog")
            .WithSummary("Read the tenant's audit log, oldest first: filter by kind, actor and time; page with 'after' and the answer's 'next'")
            .RequirePermission(Permissions.AuditRead, "audit")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return v1;
    }

    private static async Task<Results<Ok<AuditLogSlice>, ValidationProblem>> ReadAsync([AsParameters] AuditQueryParameters query, ClaimsPrincipal user, IClusterClient cluster)
    {
        if (query.From is { } from && query.To is { } to && to <= from)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must be later than 'from'."] });
        }

        return TypedResults.Ok(await cluster.GetGrain<IAuditLogGrain>(IdentityPrincipals.TenantOf(user)!).ReadAsync(query.ToQuery()));
    }
}
