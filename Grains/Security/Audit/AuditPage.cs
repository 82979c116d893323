using TDeveloper.Grains.Interfaces.Security.Audit;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Security.Audit;

/// <summary>
/// A full page of a tenant's audit log, written once when it fills: page <c>n</c> holds entries
/// <c>n·size+1 … (n+1)·size</c>. Until then the page is a series of <see cref="AuditSegment"/>s, one per write.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.AuditPage")]
public sealed class AuditPage : IPersistedRecord
{
    /// <summary>Gets or sets the page's entries, in order.</summary>
    [Id(0)] public List<AuditLogEntry> Entries { get; set; } = [];

    /// <summary>Gets or sets when the page filled: the page is deleted a retention period later.</summary>
    [Id(1)] public DateTimeOffset ClosedAt { get; set; }
}

/// <summary>The entries one write appended to the page being filled.</summary>
[GenerateSerializer, Alias("TDeveloper.AuditSegment")]
public sealed class AuditSegment : IPersistedRecord
{
    /// <summary>Gets or sets the appended entries, in order.</summary>
    [Id(0)] public List<AuditLogEntry> Entries { get; set; } = [];
}
