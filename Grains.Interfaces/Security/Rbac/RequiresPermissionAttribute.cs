namespace TDeveloper.Grains.Interfaces.Security.Rbac;

/// <summary>
/// Declares the permission a caller needs to call a grain method directly (from outside the cluster's grains). The
/// silo's grain call filter evaluates it with RBAC on the resource of the grain (<see cref="TenantScopedAttribute"/>),
/// or on <see cref="Resource"/>.
/// </summary>
/// <param name="permission">The action, one of <see cref="Permissions"/>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    /// <summary>Gets the action, one of <see cref="Permissions"/>.</summary>
    public string Permission { get; } = permission;

    /// <summary>
    /// Gets or sets the resource path inside the caller's tenant (e.g. <c>templates</c>) for a grain that is not
    /// tenant-scoped; <see langword="null"/> to use the grain's <see cref="TenantScopedAttribute.Resource"/>.
    /// </summary>
    public string? Resource { get; set; }
}

/// <summary>
/// Marks a grain method that only the system calls (grains, timers, reminders, outbox deliveries: agent results, event
/// appends, quota counters): a call that carries a user's <see cref="CallerIdentity"/> from outside the cluster's
/// grains is refused, whatever the user's roles.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SystemOnlyAttribute : Attribute;

/// <summary>
/// Marks a grain interface whose key starts with the tenant (<c>{tenant}/…</c>), or is the tenant
/// (<see cref="KeyIsTenant"/>): a call carrying a <see cref="CallerIdentity"/> of another tenant is refused.
/// </summary>
/// <param name="resource">
/// The grain's RBAC resource inside its tenant; <c>{0}</c>, <c>{1}</c> … stand for the key's segments after the tenant
/// (an agent <c>acme/s-1/coder</c> with <c>sessions/{0}/agents/{1}</c> is <c>tenants/acme/sessions/s-1/agents/coder</c>).
/// </param>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class TenantScopedAttribute(string resource) : Attribute
{
    /// <summary>Gets the grain's resource template inside its tenant.</summary>
    public string Resource { get; } = resource;

    /// <summary>Gets or sets whether the whole key is the tenant (a per-tenant grain) rather than its first segment.</summary>
    public bool KeyIsTenant { get; set; }
}
