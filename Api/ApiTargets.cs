using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Identity;

namespace TDeveloper.Api;

/// <summary>The tenant a request acts for: the caller's, from the credential's <c>tdev_tenant</c> claim, never from a header.</summary>
public sealed class TenantTarget
{
    /// <summary>Gets or sets the caller's tenant, bound from the authenticated principal.</summary>
    public CallerTenant Caller { get; set; } = CallerTenant.None;

    /// <summary>Gets the caller's tenant.</summary>
    public string Tenant => Caller.Value;
}

/// <summary>A session or workflow addressed by the route's <c>{id}</c>, in the caller's tenant (from the credential).</summary>
/// <remarks>Validation source generation does not follow base classes, so the tenant is repeated rather than inherited.</remarks>
public sealed class ResourceTarget
{
    /// <summary>Gets or sets the session or workflow id (without tenant).</summary>
    [FromRoute(Name = "id"), GrainKeySegment, Display(Name = "id")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the caller's tenant, bound from the authenticated principal.</summary>
    public CallerTenant Caller { get; set; } = CallerTenant.None;

    /// <summary>Gets the caller's tenant.</summary>
    public string Tenant => Caller.Value;
}

/// <summary>
/// The tenant of the authenticated caller (its <c>tdev_tenant</c> claim), bound for a route by <see cref="BindAsync"/>.
/// A plain string rather than the <see cref="System.Security.Claims.ClaimsPrincipal"/>, which endpoint validation would walk.
/// </summary>
public sealed class CallerTenant
{
    /// <summary>No tenant: the placeholder before binding.</summary>
    public static readonly CallerTenant None = new("");

    private CallerTenant(string value) => Value = value;

    /// <summary>Gets the tenant id.</summary>
    public string Value { get; }

    /// <summary>Binds the tenant from <see cref="HttpContext.User"/>.</summary>
    /// <exception cref="InvalidOperationException">The caller has no tenant: the route let an anonymous caller through.</exception>
    public static ValueTask<CallerTenant?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = IdentityPrincipals.TenantOf(context.User) ?? throw new InvalidOperationException("The caller has no tenant; every /v1 route needs an authenticated caller.");
        return ValueTask.FromResult<CallerTenant?>(new CallerTenant(tenant));
    }
}
