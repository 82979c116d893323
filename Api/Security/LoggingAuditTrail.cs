using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security;

/// <summary>An <see cref="IAuditTrail"/> that only logs: the fallback where no durable audit log is wired.</summary>
public sealed partial class LoggingAuditTrail(ILogger<LoggingAuditTrail> logger) : IAuditTrail
{
    /// <inheritdoc />
    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        LogAuditEvent(auditEvent.Tenant, auditEvent.Kind, auditEvent.Actor, auditEvent.Outcome, auditEvent.Resource);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {Tenant} {Kind} by {Actor}: {Outcome} {Resource}")]
    private partial void LogAuditEvent(string tenant, string kind, string actor, string outcome, string? resource);
}
