using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Audit;

/// <summary>One page of an audit log read.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AuditLogSlice")]
public sealed record AuditLogSlice
{
    /// <summary>Gets the matching entries, oldest first.</summary>
    [Id(0)] public ImmutableArray<AuditLogEntry> Entries { get; init; } = [];

    /// <summary>
    /// Gets the sequence to read after for the next page, or <see langword="null"/> when the read reached the end of
    /// the log. A page may hold fewer than the limit (even none) and still have a next one: one read scans a bounded
    /// number of stored pages.
    /// </summary>
    [Id(1)] public long? Next { get; init; }

    /// <summary>Gets the sequence of the newest entry in the log (0 when none).</summary>
    [Id(2)] public long LastSequence { get; init; }
}
