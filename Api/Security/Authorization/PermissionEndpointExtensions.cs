using Microsoft.AspNetCore.Authorization;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>Declares the permission of a route: <c>.RequirePermission(Permissions.SessionsRead, "sessions/{id}")</c>.</summary>
public static class PermissionEndpointExtensions
{
    /// <summary>
    /// Requires an authenticated caller whom RBAC allows <paramref name="permission"/> on <paramref name="resource"/> (a path in
    /// the caller's tenant, <c>{name}</c> parts taken from the route values). Denied: 403 problem details, audited as
    /// <c>access-denied</c>; not authenticated: 401.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission, string resource) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        ArgumentNullException.ThrowIfNull(resource);
        var requirement = new PermissionRequirement(permission, resource);
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(requirement).Build();
        return builder.WithMetadata(requirement).RequireAuthorization(policy);
    }
}
