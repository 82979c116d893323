using System.Net;
using System.Security.Claims;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Builds and reads the principals every scheme produces: the claims of <see cref="TDeveloperClaims"/>.</summary>
public static class IdentityPrincipals
{
    /// <summary>Builds a principal of <paramref name="authenticationType"/> with the tenant, subject, roles and credential.</summary>
    public static ClaimsPrincipal Create(string authenticationType, string tenant, string subject, IEnumerable<string> roles, string credentialKind, string? credentialId, IEnumerable<Claim>? more = null)
    {
        var identity = new ClaimsIdentity(authenticationType, TDeveloperClaims.Subject, TDeveloperClaims.Role);
        identity.AddClaim(new Claim(TDeveloperClaims.Tenant, tenant));
        identity.AddClaim(new Claim(TDeveloperClaims.Subject, subject));
        foreach (var role in roles.Distinct(StringComparer.Ordinal)) identity.AddClaim(new Claim(TDeveloperClaims.Role, role));
        identity.AddClaim(new Claim(TDeveloperClaims.CredentialKind, credentialKind));
        if (credentialId is not null) identity.AddClaim(new Claim(TDeveloperClaims.CredentialId, credentialId));
        if (more is not null) identity.AddClaims(more);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Gets the caller's tenant, or <see langword="null"/> when the principal names no valid one.</summary>
    public static string? TenantOf(ClaimsPrincipal? user) =>
        user?.FindFirst(TDeveloperClaims.Tenant)?.Value is { } tenant && GrainKeys.IsValidSegment(tenant) ? tenant : null;

    /// <summary>Gets the caller's subject, or <c>anonymous</c>: the actor an audit event names.</summary>
    public static string SubjectOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(TDeveloperClaims.Subject)?.Value ?? "anonymous";
    }

    /// <summary>Gets the caller's roles as named in the credential.</summary>
    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(TDeveloperClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Gets the roles a set of roles grants, the built-in ones with those they inherit (admin ⊃ developer ⊃ viewer).</summary>
    public static IReadOnlySet<string> Effective(IEnumerable<string> roles)
    {
        var effective = new HashSet<string>(roles, StringComparer.Ordinal);
        if (effective.Contains(BuiltInRoles.Admin)) effective.Add(BuiltInRoles.Developer);
        if (effective.Contains(BuiltInRoles.Developer)) effective.Add(BuiltInRoles.Viewer);
        return effective;
    }

    /// <summary>Gets the client's IP address as text (IPv4-mapped IPv6 addresses as IPv4), or <see langword="null"/> when unknown.</summary>
    public static string? ClientIp(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
    }

    /// <summary>Gets whether two IP addresses given as text are the same address.</summary>
    public static bool SameIp(string? left, string? right) =>
        left is not null && right is not null && IPAddress.TryParse(left, out var a) && IPAddress.TryParse(right, out var b)
        && (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);
}
