using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// What one read of a cluster found: its membership item and the silos' separate I-am-alive times
/// (keyed by parsable silo address), merged into the entries Orleans sees.
/// </summary>
internal sealed record MembershipSnapshot(MembershipDocument Document, IReadOnlyDictionary<string, DateTime> AliveTimes)
{
    /// <summary>Returns every row with the table version.</summary>
    public MembershipTableData ToTableData() => ToTableData(Document.Rows);

    /// <summary>Returns the row of <paramref name="silo"/> (none if it has no row) with the table version.</summary>
    public MembershipTableData ToTableData(string silo) => ToTableData(Document.Rows.Where(row => row.Silo == silo));

    /// <summary>
    /// Returns the Dead silos whose last sign of life (start, I-am-alive, or the latest vote declaring them dead)
    /// is before <paramref name="beforeDate"/>.
    /// </summary>
    public IReadOnlySet<string> DefunctSilos(DateTimeOffset beforeDate) =>
        Document.Rows
            .Where(row => row.Status == SiloStatus.Dead && LastSignOfLife(Entry(row)) < beforeDate.UtcDateTime)
            .Select(row => row.Silo)
            .ToHashSet();

    /// <summary>Returns the silos with an I-am-alive item older than <paramref name="beforeDate"/> but no row.</summary>
    public IEnumerable<string> OrphanAliveSilos(DateTimeOffset beforeDate) =>
        AliveTimes
            .Where(alive => UtcTime.Of(alive.Value) < beforeDate.UtcDateTime && !Document.Rows.Any(row => row.Silo == alive.Key))
            .Select(alive => alive.Key);

    private MembershipTableData ToTableData(IEnumerable<SiloRow> rows) =>
        new(rows.Select(row => Tuple.Create(Entry(row), row.ETag)).ToList(), Document.TableVersion);

    private MembershipEntry Entry(SiloRow row) => row.ToEntry(AliveTimes.TryGetValue(row.Silo, out var alive) ? alive : null);

    private static DateTime LastSignOfLife(MembershipEntry entry)
    {
        var last = UtcTime.Of(entry.StartTime);
        if (UtcTime.Of(entry.IAmAliveTime) > last) last = UtcTime.Of(entry.IAmAliveTime);
        foreach (var (_, voteTime) in entry.SuspectTimes ?? [])
        {
            if (UtcTime.Of(voteTime) > last) last = UtcTime.Of(voteTime);
        }

        return last;
    }
}
