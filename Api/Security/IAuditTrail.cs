using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security;

/// <summary>Records security events in the durable audit log. What records an event must not fail because auditing did.</summary>
public interface IAuditTrail
{
    /// <summary>Records <paramref name="auditEvent"/>; failures are logged, not thrown.</summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
