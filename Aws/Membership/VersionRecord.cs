using Orleans;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// The cluster's version item, the commit point of every membership change: the table version, its etag, and the
/// row change committed with that version that may not have reached its row item yet.
/// </summary>
/// <param name="Version">The table version Orleans last wrote.</param>
/// <param name="ETag">The etag of that version; a new one comes with every version.</param>
/// <param name="Pending">
/// The row written by the change that made this version, until it has been copied to its row item. While it is set no
/// other change may commit, so at most one committed change is ever missing from the row items, and readers lay it over them.
/// </param>
internal sealed record VersionRecord(int Version, string ETag, SiloRow? Pending)
{
    /// <summary>The version etag reported while the cluster has no version item; an insert with it creates the item.</summary>
    public const string MissingETag = "none";

    /// <summary>Gets what a cluster without a version item reads as: version 0, nothing pending.</summary>
    public static VersionRecord Missing { get; } = new(0, MissingETag, null);

    /// <summary>Gets the version Orleans sees.</summary>
    public TableVersion TableVersion => new(Version, ETag);

    /// <summary>Creates the first version item of a cluster: version 0, nothing pending.</summary>
    public static VersionRecord Initial() => new(0, NewETag(), null);

    /// <summary>Creates a fresh etag for a version or a row.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");
}
