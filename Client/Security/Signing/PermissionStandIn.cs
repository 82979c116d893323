using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Client.Security.Signing;

/// <summary>
/// The one place the signing-key and audit routes state the permission they need. Until RBAC evaluates permissions,
/// every such permission is granted to the <see cref="BuiltInRoles.Admin"/> role only (policy <see cref="AdminPolicy"/>).
/// </summary>
public static class PermissionStandIn
{
    /// <summary>The authorization policy that requires an authenticated caller with a tenant and the admin role.</summary>
    public const string AdminPolicy = "tdev-admin";

    /// <summary>Requires <paramref name="permission"/> (one of <see cref="Permissions"/>) on the routes of <paramref name="builder"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(permission);
        return builder.RequireAuthorization(AdminPolicy);
    }
}
