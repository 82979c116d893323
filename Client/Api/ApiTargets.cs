using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Client.Security.Identity;

namespace TDeveloper.Client;

/// <summary>The tenant a request acts for: the caller's, from the credential's <c>tdev_tenant</c> claim, never from a header.</summary>
public sealed class TenantTarget
{
    /// <summary>Gets or sets the authenticated caller.</summary>
    public ClaimsPrincipal User { get; set; } = new();

    /// <summary>Gets the caller's tenant.</summary>
    /// <exception cref="InvalidOperationException">The caller has no tenant: the route let an anonymous caller through.</exception>
    public string Tenant => ApiTargets.TenantOf(User);
}

/// <summary>A session or workflow addressed by the route's <c>{id}</c>, in the caller's tenant (from the credential).</summary>
/// <remarks>Validation source generation does not follow base classes, so the tenant is repeated rather than inherited.</remarks>
public sealed class ResourceTarget
{
    /// <summary>Gets or sets the session or workflow id (without tenant).</summary>
    [FromRoute(Name = "id"), GrainKeySegment, Display(Name = "id")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the authenticated caller.</summary>
    public ClaimsPrincipal User { get; set; } = new();

    /// <summary>Gets the caller's tenant.</summary>
    /// <exception cref="InvalidOperationException">The caller has no tenant: the route let an anonymous caller through.</exception>
    public string Tenant => ApiTargets.TenantOf(User);
}

/// <summary>Reads the caller's tenant for the targets.</summary>
internal static class ApiTargets
{
    public static string TenantOf(ClaimsPrincipal user) =>
        IdentityPrincipals.TenantOf(user) ?? throw new InvalidOperationException("The caller has no tenant; every /v1 route needs an authenticated caller.");
}
