using System.Text.RegularExpressions;

namespace TDeveloper.Grains.Interfaces;

/// <summary>
/// Builds and checks the string keys of T-Developer grains, which are tenant-prefixed
/// (<c>{tenant}/{id}</c>) so that two tenants never share an activation.
/// </summary>
public static partial class GrainKeys
{
    /// <summary>The tenant used when a caller names none.</summary>
    public const string DefaultTenant = "default";

    /// <summary>Gets whether <paramref name="value"/> is a valid tenant, session, workflow or agent id segment.</summary>
    /// <remarks>1–64 characters: letters, digits, '-' and '_', starting with a letter or digit.</remarks>
    public static bool IsValidSegment(string? value) => value is not null && SegmentPattern().IsMatch(value);

    /// <summary>Gets the key of a session grain.</summary>
    public static string Session(string tenant, string sessionId) => Join(tenant, sessionId);

    /// <summary>Gets the key of a workflow grain.</summary>
    public static string Workflow(string tenant, string workflowId) => Join(tenant, workflowId);

    /// <summary>Gets the key of the agent grain named <paramref name="agentName"/> inside a session.</summary>
    public static string Agent(string sessionKey, string agentName) => $"{sessionKey}/{agentName}";

    /// <summary>Gets the tenant part of a tenant-prefixed key.</summary>
    public static string TenantOf(string key) => key[..key.IndexOf('/')];

    /// <summary>Gets the id part (after the tenant) of a tenant-prefixed key.</summary>
    public static string LocalIdOf(string key) => key[(key.IndexOf('/') + 1)..];

    /// <summary>Creates a new, unique session id.</summary>
    public static string NewSessionId() => "s-" + Guid.NewGuid().ToString("N");

    /// <summary>Creates a new, unique workflow id.</summary>
    public static string NewWorkflowId() => "w-" + Guid.NewGuid().ToString("N");

    private static string Join(string tenant, string id)
    {
        if (!IsValidSegment(tenant)) throw new ArgumentException($"'{tenant}' is not a valid tenant id.", nameof(tenant));
        if (!IsValidSegment(id)) throw new ArgumentException($"'{id}' is not a valid id.", nameof(id));
        return $"{tenant}/{id}";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex SegmentPattern();
}
