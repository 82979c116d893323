namespace TDeveloper.Aws.Membership;

/// <summary>One silo's row item as read: the row, the table version that wrote it, and the silo's latest I-am-alive write.</summary>
/// <param name="Row">The row (its etag included).</param>
/// <param name="Version">The table version of the change that wrote the row; a row newer than the version item read before it means a change landed mid-read.</param>
/// <param name="Alive">The time the silo's last I-am-alive write stored on the item, exactly as stored; <see langword="null"/> before the first.</param>
internal sealed record StoredRow(SiloRow Row, int Version, string? Alive)
{
    /// <summary>Gets the silo (parsable address).</summary>
    public string Silo => Row.Silo;

    /// <summary>Rebuilds the entry Orleans sees, with the later of the row's own I-am-alive time and the last separate write.</summary>
    public Orleans.MembershipEntry ToEntry() => Row.ToEntry(Alive is null ? null : UtcTime.Parse(Alive));
}
