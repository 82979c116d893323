using System.Collections.Immutable;
using System.Security.Claims;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>Turns an authenticated principal into the <see cref="CallerIdentity"/> that RBAC decides on and grain calls carry.</summary>
public static class CallerIdentities
{
    /// <summary>The subject of a principal that names none.</summary>
    public const string UnknownSubject = "unknown";

    /// <summary>
    /// Gets the caller of an authenticated <paramref name="principal"/>: the tenant from its <see cref="TDeveloperClaims.Tenant"/>
    /// claim (never a header), its subject, its roles (<see cref="TDeveloperClaims.Role"/> claims, and <see cref="ClaimTypes.Role"/>
    /// for handlers that map claim types), its IP address, and its other claims as attributes (the first value of each type).
    /// <see langword="null"/> when it is not authenticated or names no valid tenant.
    /// </summary>
    public static CallerIdentity? From(ClaimsPrincipal principal, string? ipAddress)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true) return null;
        var tenant = principal.FindFirst(TDeveloperClaims.Tenant)?.Value;
        if (!GrainKeys.IsValidSegment(tenant)) return null;

        var roles = principal.Claims.Where(claim => claim.Type is TDeveloperClaims.Role or ClaimTypes.Role).Select(claim => claim.Value)
            .Distinct(StringComparer.Ordinal).ToImmutableArray();
        var subject = principal.FindFirst(TDeveloperClaims.Subject)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? UnknownSubject;
        var attributes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var claim in principal.Claims.Where(claim => claim.Type is not (TDeveloperClaims.Role or ClaimTypes.Role)))
        {
            attributes.TryAdd(claim.Type, claim.Value);
        }

        return new CallerIdentity { Tenant = tenant!, Subject = subject, Roles = roles, IpAddress = ipAddress, Attributes = attributes.ToImmutable() };
    }

    /// <summary>Gets the caller of the request, as <see cref="CallerContextMiddleware"/> found it (or finds it now).</summary>
    public static CallerIdentity? Of(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Items.TryGetValue(typeof(CallerIdentity), out var found)) return found as CallerIdentity;
        var caller = From(httpContext.User, IdentityPrincipals.ClientIp(httpContext));
        httpContext.Items[typeof(CallerIdentity)] = caller;
        return caller;
    }
}
