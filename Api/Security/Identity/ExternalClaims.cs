using System.Security.Claims;
using System.Text.Json;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Maps the claims of an external issuer's token to ours (pure): the tenant from a claim or fixed, roles through the role map.</summary>
public static class ExternalClaims
{
    /// <summary>The <see cref="TDeveloperClaims.CredentialKind"/> of a caller authenticated by an external issuer.</summary>
    public const string CredentialKind = "oidc";

    /// <summary>Maps <paramref name="external"/>; <see langword="null"/> with a reason when it names no valid tenant or no subject.</summary>
    public static (ClaimsPrincipal? Principal, string? Refusal) Map(ClaimsPrincipal external, OidcIssuerOptions issuer, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(issuer);
        var tenant = string.IsNullOrWhiteSpace(issuer.Tenant) ? external.FindFirst(issuer.TenantClaim)?.Value : issuer.Tenant;
        if (!GrainKeys.IsValidSegment(tenant)) return (null, $"The token of issuer '{issuer.Name}' names no valid tenant in its '{issuer.TenantClaim}' claim.");
        if (external.FindFirst(TDeveloperClaims.Subject)?.Value is not { Length: > 0 } subject) return (null, $"The token of issuer '{issuer.Name}' has no subject.");
        var roles = RolesOf(external, issuer.RolesClaim);
        var mapped = issuer.RoleMap.Count == 0 ? roles : roles.Where(issuer.RoleMap.ContainsKey).Select(r => issuer.RoleMap[r]);
        var more = new List<Claim>();
        foreach (var type in new[] { "jti", TDeveloperClaims.LoginSession })
        {
            if (external.FindFirst(type) is { } claim) more.Add(new Claim(type, claim.Value));
        }

        var principal = IdentityPrincipals.Create(authenticationType, tenant!, $"{issuer.Name}:{subject}", mapped, CredentialKind, issuer.Name, more);
        return (principal, null);
    }

    /// <summary>Gets the roles in <paramref name="claimType"/>: one claim per role, a space-separated list, or a JSON array.</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal principal, string claimType)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var roles = new List<string>();
        foreach (var claim in principal.FindAll(claimType))
        {
            var value = claim.Value.Trim();
            if (value.StartsWith('['))
            {
                try
                {
                    roles.AddRange(JsonSerializer.Deserialize<string[]>(value) ?? []);
                    continue;
                }
                catch (JsonException)
                {
                }
            }

            roles.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return [.. roles.Distinct(StringComparer.Ordinal)];
    }
}
