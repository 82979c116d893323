namespace TDeveloper.Grains.Interfaces.Security.Audit;

/// <summary>An <see cref="AuditEvent"/> as the log holds it: numbered and stamped when it was appended.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AuditLogEntry")]
public sealed record AuditLogEntry
{
    /// <summary>Gets the entry's number in the tenant's log, from 1.</summary>
    [Id(0)] public long Sequence { get; init; }

    /// <summary>Gets when the log appended it.</summary>
    [Id(1)] public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Gets the event.</summary>
    [Id(2)] public required AuditEvent Event { get; init; }
}
