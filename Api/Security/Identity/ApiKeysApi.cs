using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>The API-key routes (<see cref="Permissions.KeysManage"/>): create (the key is shown once), list (no secrets), revoke.</summary>
public static class ApiKeysApi
{
    /// <summary>Maps the routes under <paramref name="v1"/>.</summary>
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var keys = v1.MapGroup("/api-keys").WithTags("API keys").RequirePermission(Permissions.KeysManage, "api-keys");
        keys.MapPost("", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Create an API key for a service: roles among the caller's, expiry at most a year (default). The key is in the answer only")
            .RequireRateLimiting(TDeveloperRateLimits.Sensitive)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        keys.MapGet("", ListAsync).WithName("ListApiKeys").WithSummary("List the tenant's API keys, without secrets");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key at once, and the tokens issued for it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyBody body, ClaimsPrincipal user, ApiKeyIssuer issuer, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var tenant = IdentityPrincipals.TenantOf(user)!;
        var callerRoles = IdentityPrincipals.RolesOf(user);
        var roles = body.Roles is { Count: > 0 } asked ? asked.Distinct(StringComparer.Ordinal).ToList() : [.. callerRoles];
        var problems = new List<string>();
        if (roles.FirstOrDefault(r => !GrainKeys.IsValidSegment(r)) is { } invalid) problems.Add($"The role '{invalid}' is not a valid role name.");
        var now = time.GetUtcNow();
        if (body.ExpiresAt is { } expiresAt && (expiresAt <= now || expiresAt > now + ApiKeyIssuer.MaxLifetime)) problems.Add("expiresAt must be in the future and at most a year away.");
        if (problems.Count > 0) return TypedResults.Problem(string.Join(" ", problems), statusCode: StatusCodes.Status400BadRequest);
        var effective = IdentityPrincipals.Effective(callerRoles);
        if (roles.Where(r => !effective.Contains(r)).ToList() is { Count: > 0 } beyond)
            return TypedResults.Problem($"A key cannot carry roles its creator lacks: {string.Join(", ", beyond)}.", statusCode: StatusCodes.Status403Forbidden);
        var actor = IdentityPrincipals.SubjectOf(user);
        var created = await issuer.CreateAsync(tenant, body.Name.Trim(), roles, body.ExpiresAt, actor, context, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/v1/api-keys/{created.Id}", created);
    }

    private static async Task<Ok<ImmutableArray<ApiKeySummary>>> ListAsync(ClaimsPrincipal user, ApiKeyIssuer issuer, CancellationToken cancellationToken) =>
        TypedResults.Ok(await issuer.ListAsync(IdentityPrincipals.TenantOf(user)!, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        [GrainKeySegment] string id, ClaimsPrincipal user, ApiKeyIssuer issuer, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = IdentityPrincipals.SubjectOf(user);
        return await issuer.RevokeAsync(IdentityPrincipals.TenantOf(user)!, id, actor, context, cancellationToken) is null
            ? TypedResults.Problem($"API key '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.NoContent();
    }
}
