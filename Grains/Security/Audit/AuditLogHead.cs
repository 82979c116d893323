using TDeveloper.Grains.Interfaces.Security.Audit;

namespace TDeveloper.Grains.Security.Audit;

/// <summary>What an audit log knows of its end: the newest sequence and the page being filled.</summary>
public sealed class AuditLogHead
{
    /// <summary>Gets or sets the sequence of the newest entry (0 when none was ever appended).</summary>
    public long LastSequence { get; set; }

    /// <summary>Gets or sets the entries of the page being filled (its number is <see cref="OpenPage"/>).</summary>
    public List<AuditLogEntry> OpenPageEntries { get; set; } = [];

    /// <summary>Gets or sets how many segments the page being filled has.</summary>
    public int OpenPageSegments { get; set; }

    /// <summary>Gets the number of the page being filled.</summary>
    public long OpenPage(int pageSize) => LastSequence / pageSize;

    /// <summary>Gets a copy to change, so that a failed write leaves this one as it was.</summary>
    public AuditLogHead Copy() => new() { LastSequence = LastSequence, OpenPageEntries = [.. OpenPageEntries], OpenPageSegments = OpenPageSegments };
}
