using System.Diagnostics.Metrics;

namespace TDeveloper.Api.Security.Audit;

/// <summary>The audit trail's metric, on the "TDeveloper" meter that every host exports.</summary>
public static class AuditTelemetry
{
    /// <summary>The name of the counter of audit events.</summary>
    public const string EventsCounterName = "tdeveloper.security.audit.events";

    private static readonly Meter Meter = new("TDeveloper");

    /// <summary>Gets the count of audit events recorded, tagged with <c>kind</c> and <c>outcome</c> (the event's); events that could not be stored count too, and are logged.</summary>
    public static Counter<long> Events { get; } = Meter.CreateCounter<long>(EventsCounterName, "{event}");
}
