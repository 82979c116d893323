using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api;

/// <summary>The tenant usage route: tokens and cost of every model call the tenant's agents made.</summary>
internal static class UsageApi
{
    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/usage", GetTenantUsageAsync).WithTags("Usage").WithName("GetTenantUsage")
            .RequirePermission(Permissions.UsageRead, "usage")
            .WithSummary("Get the tokens and cost of the tenant's model calls, in total and per model");
        return v1;
    }

    private static async Task<Ok<UsageBreakdown>> GetTenantUsageAsync([AsParameters] TenantTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(await client.GetTenantUsageAsync(target.Tenant, cancellationToken));
}
