namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>The built-in roles, each inheriting the one after it: admin ⊃ developer ⊃ viewer.</summary>
public static class BuiltInRoles
{
    /// <summary>Everything in the tenant, including keys, audit and other administration.</summary>
    public const string Admin = "admin";

    /// <summary>Creates and drives sessions and workflows, approves steps, reads workspaces.</summary>
    public const string Developer = "developer";

    /// <summary>Reads sessions, workflows, events, workspaces and usage.</summary>
    public const string Viewer = "viewer";
}
