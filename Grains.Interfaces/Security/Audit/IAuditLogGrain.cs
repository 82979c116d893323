using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Audit;

/// <summary>
/// A tenant's durable, append-only audit log, keyed by tenant: events are numbered from 1 in the order they are
/// appended, written in pages, and kept until their whole page is older than the retention period.
/// </summary>
[TenantScoped("audit", KeyIsTenant = true)]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="events"/>, in order; returns once they are durable.</summary>
    [SystemOnly]
    Task AppendAsync(ImmutableArray<AuditEvent> events);

    /// <summary>Reads the entries that match <paramref name="query"/>, oldest first.</summary>
    [RequiresPermission(Permissions.AuditRead)]
    Task<AuditLogSlice> ReadAsync(AuditQuery query);
}
