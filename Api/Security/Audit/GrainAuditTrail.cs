using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Audit;

namespace TDeveloper.Api.Security.Audit;

/// <summary>
/// The durable <see cref="IAuditTrail"/>: appends each event to its tenant's audit log grain (<see cref="IAuditLogGrain"/>)
/// through the host's <see cref="IClusterClient"/> (a silo's own, or the Gateway's). It never throws to its caller:
/// an event that cannot be stored is logged, with everything but secrets, and counted. Every event is also logged by
/// <see cref="LoggingAuditTrail"/>, so security events reach the log pipeline as well as the durable log.
/// </summary>
public sealed partial class GrainAuditTrail(IClusterClient cluster, LoggingAuditTrail log, ILogger<GrainAuditTrail> logger) : IAuditTrail
{
    /// <inheritdoc />
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        CallerContext.ActAsSystem(); // an audit write is the system's own, whoever's request it records
        ArgumentNullException.ThrowIfNull(auditEvent);
        await log.RecordAsync(auditEvent, cancellationToken);
        AuditTelemetry.Events.Add(1, new KeyValuePair<string, object?>("kind", auditEvent.Kind), new KeyValuePair<string, object?>("outcome", auditEvent.Outcome));
        if (!GrainKeys.IsValidSegment(auditEvent.Tenant))
        {
            LogNotStored(logger, null, auditEvent.Tenant, auditEvent.Kind, auditEvent.Actor, auditEvent.Outcome, auditEvent.Resource);
            return;
        }

        try
        {
            await cluster.GetGrain<IAuditLogGrain>(auditEvent.Tenant).AppendAsync([auditEvent]).WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogNotStored(logger, ex, auditEvent.Tenant, auditEvent.Kind, auditEvent.Actor, auditEvent.Outcome, auditEvent.Resource);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event not stored: {Tenant} {Kind} by {Actor}: {Outcome} {Resource}")]
    private static partial void LogNotStored(ILogger logger, Exception? exception, string tenant, string kind, string actor, string outcome, string? resource);
}
