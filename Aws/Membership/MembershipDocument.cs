using Orleans;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// The cluster's membership item: the table version, its etag and every silo's row. It is only ever replaced as a
/// whole by one write conditioned on <see cref="Revision"/>, so the version and the rows cannot disagree.
/// </summary>
/// <param name="Version">The table version Orleans last wrote.</param>
/// <param name="ETag">The etag of that version; a new one comes with every version.</param>
/// <param name="Revision">The count of writes of the item (0: not stored yet). Every write, including clean-ups that keep the version, takes the next one.</param>
/// <param name="Rows">The silos' rows.</param>
internal sealed record MembershipDocument(int Version, string ETag, long Revision, IReadOnlyList<SiloRow> Rows)
{
    /// <summary>The version etag reported while the cluster has no membership item; an insert with it creates the item.</summary>
    public const string MissingETag = "none";

    /// <summary>Gets what a cluster without a membership item reads as: version 0, no rows.</summary>
    public static MembershipDocument Missing { get; } = new(0, MissingETag, 0, []);

    /// <summary>Gets the version Orleans sees.</summary>
    public TableVersion TableVersion => new(Version, ETag);

    /// <summary>Creates the first item of a cluster: version 0, no rows.</summary>
    public static MembershipDocument Initial() => new(0, NewETag(), 1, []);

    /// <summary>Creates a fresh etag for a version or a row.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>Adds <paramref name="entry"/> at version <paramref name="next"/>, or refuses (<see langword="null"/>) when the version etag is stale or the silo has a row.</summary>
    public MembershipDocument? TryInsert(MembershipEntry entry, TableVersion next)
    {
        var silo = entry.SiloAddress.ToParsableString();
        if (next.VersionEtag != ETag || Rows.Any(row => row.Silo == silo)) return null;
        return Next(next.Version, [.. Rows, SiloRow.From(entry)]);
    }

    /// <summary>Replaces the silo's row with <paramref name="entry"/> at version <paramref name="next"/>, or refuses (<see langword="null"/>) when the version etag or the row etag is stale, or the silo has no row.</summary>
    public MembershipDocument? TryUpdate(MembershipEntry entry, string rowETag, TableVersion next)
    {
        var silo = entry.SiloAddress.ToParsableString();
        if (next.VersionEtag != ETag || !Rows.Any(row => row.Silo == silo && row.ETag == rowETag)) return null;
        return Next(next.Version, [.. Rows.Select(row => row.Silo == silo ? SiloRow.From(entry) : row)]);
    }

    /// <summary>Removes the rows of <paramref name="silos"/>, keeping the version and its etag.</summary>
    public MembershipDocument Without(IReadOnlySet<string> silos) =>
        this with { Revision = Revision + 1, Rows = [.. Rows.Where(row => !silos.Contains(row.Silo))] };

    private MembershipDocument Next(int version, IReadOnlyList<SiloRow> rows) => new(version, NewETag(), Revision + 1, rows);
}
