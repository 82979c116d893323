using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>
/// The built-in roles as rules over <see cref="Permissions"/>, each at priority 0 on every resource of the caller's
/// tenant: viewer reads; developer (⊃ viewer) drives sessions and workflows, cancels and approves; admin (⊃ developer)
/// may do everything, keys, audit and security included.
/// </summary>
public static class BuiltInRoleDefinitions
{
    /// <summary>The resource pattern of the built-in grants: everything (tenant isolation keeps it inside the caller's tenant).</summary>
    public const string AnyResource = "**";

    /// <summary>Gets the viewer role.</summary>
    public static RoleDefinition Viewer { get; } = new()
    {
        Name = BuiltInRoles.Viewer,
        Rules = [Grant("viewer-reads", Permissions.SessionsRead, Permissions.WorkflowsRead, Permissions.WorkspacesRead, Permissions.TemplatesRead, Permissions.UsageRead, Permissions.TokensRevoke, Permissions.AgentsRead)],
    };

    /// <summary>Gets the developer role.</summary>
    public static RoleDefinition Developer { get; } = new()
    {
        Name = BuiltInRoles.Developer,
        Inherits = [BuiltInRoles.Viewer],
        Rules = [Grant("developer-drives", Permissions.SessionsWrite, Permissions.SessionsCancel, Permissions.WorkflowsWrite, Permissions.WorkflowsCancel, Permissions.WorkflowsApprove)],
    };

    /// <summary>Gets the admin role.</summary>
    public static RoleDefinition Admin { get; } = new()
    {
        Name = BuiltInRoles.Admin,
        Inherits = [BuiltInRoles.Developer],
        Rules = [Grant("admin-everything", "*")],
    };

    /// <summary>Gets the three, admin first.</summary>
    public static ImmutableArray<RoleDefinition> All { get; } = [Admin, Developer, Viewer];

    private static RbacRule Grant(string id, params string[] actions) =>
        new() { Id = id, Effect = RbacEffect.Allow, Actions = [.. actions], Resources = [AnyResource], Priority = 0 };
}
