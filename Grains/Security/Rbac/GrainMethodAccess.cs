using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>
/// What a grain interface method declares about its callers: the interface's tenant scope
/// (<see cref="TenantScopedAttribute"/>) and the method's <see cref="RequiresPermissionAttribute"/> or
/// <see cref="SystemOnlyAttribute"/>. Read by reflection once per method.
/// </summary>
public sealed record GrainMethodAccess
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodAccess?> Cache = new();

    /// <summary>Gets the interface and method, for messages (<c>ISessionGrain.CancelAsync</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the interface's tenant scope, if it is tenant-scoped.</summary>
    public TenantScopedAttribute? Scope { get; init; }

    /// <summary>Gets the permission a caller from outside the grains needs, if the method declares one.</summary>
    public RequiresPermissionAttribute? Permission { get; init; }

    /// <summary>Gets whether only the system may call the method.</summary>
    public bool SystemOnly { get; init; }

    /// <summary>Gets what <paramref name="interfaceMethod"/> declares, or <see langword="null"/> for a method that declares nothing on an interface that is not tenant-scoped (Orleans' own grains and extensions).</summary>
    public static GrainMethodAccess? Of(MethodInfo interfaceMethod)
    {
        ArgumentNullException.ThrowIfNull(interfaceMethod);
        return Cache.GetOrAdd(interfaceMethod, static method =>
        {
            var scope = method.DeclaringType?.GetCustomAttribute<TenantScopedAttribute>();
            var permission = method.GetCustomAttribute<RequiresPermissionAttribute>();
            var systemOnly = method.GetCustomAttribute<SystemOnlyAttribute>() is not null;
            if (scope is null && permission is null && !systemOnly) return null;
            return new GrainMethodAccess { Name = $"{method.DeclaringType?.Name}.{method.Name}", Scope = scope, Permission = permission, SystemOnly = systemOnly };
        });
    }

    /// <summary>Gets the tenant of a grain key under this scope, or <see langword="null"/> when the key has none.</summary>
    public string? TenantOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Scope is null) return null;
        if (Scope.KeyIsTenant) return key.Length == 0 ? null : key;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : key[..slash];
    }

    /// <summary>Gets the RBAC resource of a call on the grain keyed <paramref name="key"/> by a caller of <paramref name="callerTenant"/>.</summary>
    public string ResourceOf(string key, string callerTenant)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Permission?.Resource is { } fixedResource) return RbacResources.Of(callerTenant, fixedResource);
        if (Scope is null) return RbacResources.Of(callerTenant, "grains/" + Name);
        var tenant = TenantOf(key) ?? callerTenant;
        var rest = Scope.KeyIsTenant ? [] : key[(tenant.Length + 1)..].Split('/');
        var path = Scope.Resource;
        for (var i = 0; i < rest.Length; i++) path = path.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", rest[i], StringComparison.Ordinal);
        return RbacResources.Of(tenant, path);
    }
}
