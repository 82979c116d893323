using Microsoft.AspNetCore.Authorization;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>
/// The permission a route requires, on a resource built from the route: <see cref="Resource"/> is a path inside the
/// caller's tenant whose <c>{name}</c> parts are route values (<c>sessions/{id}</c> for <c>/v1/sessions/s-1</c> by a
/// caller of tenant acme is <c>tenants/acme/sessions/s-1</c>). Also the endpoint's metadata, so tests and documents can list it.
/// </summary>
/// <param name="permission">The action, one of <see cref="Grains.Interfaces.Security.Permissions"/>.</param>
/// <param name="resource">The resource template inside the caller's tenant.</param>
public sealed class PermissionRequirement(string permission, string resource) : IAuthorizationRequirement
{
    /// <summary>Gets the action, one of <see cref="Grains.Interfaces.Security.Permissions"/>.</summary>
    public string Permission { get; } = permission;

    /// <summary>Gets the resource template inside the caller's tenant.</summary>
    public string Resource { get; } = resource;

    /// <inheritdoc/>
    public override string ToString() => $"{Permission} on tenants/{{tenant}}/{Resource}";
}
