namespace TDeveloper.Api.Grpc;

/// <summary>
/// Declares the permission of a gRPC method, as <c>.RequirePermission(...)</c> does for an HTTP route: <paramref name="permission"/>
/// (one of <see cref="Grains.Interfaces.Security.Permissions"/>) on <paramref name="resource"/>, a path inside the caller's tenant
/// whose <c>{name}</c> parts are fields of the request message (<c>sessions/{session_id}</c>). Checked by <see cref="GrpcPermissionInterceptor"/>.
/// </summary>
/// <param name="permission">The action.</param>
/// <param name="resource">The resource template; its parameters name fields of the request message.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class GrpcPermissionAttribute(string permission, string resource) : Attribute
{
    /// <summary>Gets the action, one of <see cref="Grains.Interfaces.Security.Permissions"/>.</summary>
    public string Permission { get; } = permission;

    /// <summary>Gets the resource template inside the caller's tenant.</summary>
    public string Resource { get; } = resource;
}
