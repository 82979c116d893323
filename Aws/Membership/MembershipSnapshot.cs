using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// A consistent read of a cluster at one table version: the version item and the row items (keyed by parsable silo
/// address), with the version's pending row laid over its row item so the committed state is what Orleans sees.
/// </summary>
internal sealed class MembershipSnapshot
{
    /// <summary>Creates the snapshot of <paramref name="rows"/> read after <paramref name="version"/>, none newer than it.</summary>
    public MembershipSnapshot(VersionRecord version, IEnumerable<StoredRow> rows)
    {
        Version = version;
        Rows = rows.ToDictionary(row => row.Silo, StringComparer.Ordinal);
        if (version.Pending is { } pending)
        {
            Rows[pending.Silo] = new StoredRow(pending, version.Version, Rows.TryGetValue(pending.Silo, out var stored) ? stored.Alive : null);
        }
    }

    /// <summary>Gets the version item read.</summary>
    public VersionRecord Version { get; }

    /// <summary>Gets the committed rows by silo.</summary>
    public Dictionary<string, StoredRow> Rows { get; }

    /// <summary>Returns every row with the table version.</summary>
    public MembershipTableData ToTableData() => ToTableData(Rows.Values);

    /// <summary>Returns the row of <paramref name="silo"/> (none if it has no row) with the table version.</summary>
    public MembershipTableData ToTableData(string silo) => ToTableData(Rows.TryGetValue(silo, out var row) ? [row] : []);

    /// <summary>
    /// Returns the rows Orleans calls defunct, as its own providers do: any status but Active, and an I-am-alive time
    /// (the later of the row's and the last separate write) before <paramref name="beforeDate"/>. The pending row is
    /// left out: its row item may not hold it yet.
    /// </summary>
    public IReadOnlyList<StoredRow> DefunctRows(DateTimeOffset beforeDate) =>
        [.. Rows.Values.Where(row =>
            row.Row.Status != SiloStatus.Active
            && UtcTime.Of(row.ToEntry().IAmAliveTime) < beforeDate.UtcDateTime
            && row.Silo != Version.Pending?.Silo)];

    private MembershipTableData ToTableData(IEnumerable<StoredRow> rows) =>
        new(rows.Select(row => Tuple.Create(row.ToEntry(), row.Row.ETag)).ToList(), Version.TableVersion);
}
