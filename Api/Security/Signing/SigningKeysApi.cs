using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Signing;

namespace TDeveloper.Api.Security.Signing;

/// <summary>The signing-key routes: create (the secret is shown once), list and revoke the tenant's keys for signed requests.</summary>
public static class SigningKeysApi
{
    /// <summary>The prefix of signing key ids.</summary>
    public const string KeyIdPrefix = "sk_";

    /// <summary>Maps <c>/signing-keys</c> under <paramref name="v1"/>; every route needs <see cref="Permissions.KeysManage"/>.</summary>
    public static RouteGroupBuilder MapSigningKeysApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var keys = v1.MapGroup("/signing-keys").WithTags("Signing keys").RequirePermission(Permissions.KeysManage, "signing-keys")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        keys.MapPost("", CreateAsync).WithName("CreateSigningKey")
            .WithSummary("Create a signing key for HMAC-signed requests; its secret is in this answer only")
            .RequireRateLimiting(TDeveloperRateLimits.Sensitive)
            .ProducesBodyProblems();
        keys.MapGet("", ListAsync).WithName("ListSigningKeys").WithSummary("List the tenant's signing keys (never their secrets)");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeSigningKey").WithSummary("Revoke a signing key: requests signed with it are refused at once")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    /// <summary>Creates a new, unique signing key id.</summary>
    public static string NewKeyId() => KeyIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static async Task<Results<Created<CreatedSigningKey>, ValidationProblem>> CreateAsync(
        CreateSigningKeyBody body, ClaimsPrincipal user, IClusterClient cluster, IAuditTrail audit, HttpContext http, TimeProvider time)
    {
        var roles = body.Roles.Select(r => r?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (roles.FirstOrDefault(r => !GrainKeys.IsValidSegment(r)) is { } bad)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = [$"'{bad}' is not a role name: 1 to 64 letters, digits, '-' or '_'."] });
        }

        var tenant = IdentityPrincipals.TenantOf(user)!;
        var keyId = NewKeyId();
        var created = await cluster.GetGrain<ISigningKeyGrain>(keyId).CreateAsync(new CreateSigningKeyInput
        {
            Tenant = tenant,
            Name = body.Name.Trim(),
            Roles = roles,
            CreatedBy = IdentityPrincipals.SubjectOf(user),
            ValidFor = TimeSpan.FromDays(body.ValidForDays),
        });
        await audit.RecordAsync(AuditOf(http, time, tenant, AuditEventKinds.KeyCreated, keyId, ("kind", "hmac"), ("name", created.Key.Name), ("roles", string.Join(',', roles))));
        var key = created.Key;
        return TypedResults.Created($"/v1/signing-keys/{keyId}", new CreatedSigningKey(key.KeyId, created.Secret, key.Name, key.Roles, key.ExpiresAt));
    }

    private static async Task<Ok<ImmutableArray<SigningKeySummary>>> ListAsync(ClaimsPrincipal user, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ISigningKeyIndexGrain>(IdentityPrincipals.TenantOf(user)!).ListAsync());

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        [FromRoute(Name = "id"), GrainKeySegment, Display(Name = "id")] string id, ClaimsPrincipal user, IClusterClient cluster, IAuditTrail audit, HttpContext http, TimeProvider time)
    {
        var tenant = IdentityPrincipals.TenantOf(user)!;
        var revoked = await cluster.GetGrain<ISigningKeyGrain>(id).RevokeAsync(tenant, IdentityPrincipals.SubjectOf(user));
        if (revoked is null) return TypedResults.Problem($"No signing key '{id}' in this tenant.", statusCode: StatusCodes.Status404NotFound);
        await audit.RecordAsync(AuditOf(http, time, tenant, AuditEventKinds.KeyRevoked, id, ("kind", "hmac")));
        return TypedResults.NoContent();
    }

    private static AuditEvent AuditOf(HttpContext http, TimeProvider time, string tenant, string kind, string keyId, params (string Key, string Value)[] details) => new()
    {
        Tenant = tenant,
        Kind = kind,
        Actor = IdentityPrincipals.SubjectOf(http.User),
        Resource = $"tenants/{tenant}/signing-keys/{keyId}",
        Outcome = "success",
        At = time.GetUtcNow(),
        IpAddress = IdentityPrincipals.ClientIp(http),
        Details = details.Append((Key: "keyId", Value: keyId)).ToImmutableDictionary(d => d.Key, d => d.Value),
    };
}
