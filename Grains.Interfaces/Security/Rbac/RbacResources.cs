namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>Builds the resource paths RBAC rules match: <c>tenants/{tenant}/{path}</c>, such as <c>tenants/acme/sessions/s-1</c>.</summary>
public static class RbacResources
{
    /// <summary>The first segment of every tenant's resources.</summary>
    public const string TenantsSegment = "tenants";

    /// <summary>Gets the resource <paramref name="path"/> (relative, '/'-separated, e.g. <c>sessions/s-1</c>) of <paramref name="tenant"/>.</summary>
    public static string Of(string tenant, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(path);
        return path.Length == 0 ? $"{TenantsSegment}/{tenant}" : $"{TenantsSegment}/{tenant}/{path.TrimStart('/')}";
    }

    /// <summary>Gets the tenant a resource belongs to (its second segment when it starts with <c>tenants/</c>), or <see langword="null"/>.</summary>
    public static string? TenantOf(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var prefix = TenantsSegment + "/";
        if (!resource.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = resource[prefix.Length..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }
}
