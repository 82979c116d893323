namespace TDeveloper.Grains.Interfaces.Security;

/// <summary>
/// The actions that RBAC rules allow or deny, in <c>{resource kind}:{verb}</c> form. Rules may use <c>*</c> for
/// either part (<c>sessions:*</c>, <c>*:read</c>).
/// </summary>
public static class Permissions
{
    /// <summary>Read a session, its agents, usage and events.</summary>
    public const string SessionsRead = "sessions:read";

    /// <summary>Create a session, submit requests, pause, resume, complete.</summary>
    public const string SessionsWrite = "sessions:write";

    /// <summary>Cancel a session.</summary>
    public const string SessionsCancel = "sessions:cancel";

    /// <summary>Read a workflow and its steps.</summary>
    public const string WorkflowsRead = "workflows:read";

    /// <summary>Pause or resume a workflow.</summary>
    public const string WorkflowsWrite = "workflows:write";

    /// <summary>Cancel a workflow.</summary>
    public const string WorkflowsCancel = "workflows:cancel";

    /// <summary>Approve or reject an approval step.</summary>
    public const string WorkflowsApprove = "workflows:approve";

    /// <summary>List and download a session's workspace files.</summary>
    public const string WorkspacesRead = "workspaces:read";

    /// <summary>Read plan templates.</summary>
    public const string TemplatesRead = "templates:read";

    /// <summary>Read the tenant's model usage.</summary>
    public const string UsageRead = "usage:read";

    /// <summary>Revoke one's own tokens and end one's own login session (log out).</summary>
    public const string TokensRevoke = "tokens:revoke";

    /// <summary>Create, list and revoke API keys and signing keys.</summary>
    public const string KeysManage = "keys:manage";

    /// <summary>Read the audit log.</summary>
    public const string AuditRead = "audit:read";

    /// <summary>Manage roles and RBAC rules, revoke tokens.</summary>
    public const string SecurityManage = "security:manage";

    /// <summary>Read the tenant's agent registry: its agent types, their capabilities, status and health.</summary>
    public const string AgentsRead = "agents:read";

    /// <summary>Register, update and unregister the tenant's agent types (admin only by default).</summary>
    public const string AgentsManage = "agents:manage";
}
