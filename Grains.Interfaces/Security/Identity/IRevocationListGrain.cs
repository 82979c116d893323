using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>
/// The cluster's revocation list (key: <see cref="IdentityGrainKeys.Cluster"/>): revoked access tokens (<c>jti</c>), login
/// sessions (<c>sid</c>) and credentials (<c>tdev_cred</c>), each kept for the retention (24 h by default, longer than any
/// access token lives). Every API host keeps a copy, refreshed with <see cref="GetChangesAsync"/>.
/// </summary>
public interface IRevocationListGrain : IGrainWithStringKey
{
    /// <summary>Adds an entry (again, if it is there: its retention restarts); returns the entry as kept.</summary>
    [SystemOnly]
    Task<RevocationEntry> RevokeAsync(RevocationKind kind, string id, string tenant);

    /// <summary>
    /// Gets the entries added after <paramref name="afterSequence"/> of the list <paramref name="epoch"/> names; the whole list
    /// (<see cref="RevocationChanges.IsFull"/>) when the epoch is another (the list was lost and started anew) or unknown.
    /// </summary>
    [ReadOnly]
    [SystemOnly]
    Task<RevocationChanges> GetChangesAsync(string? epoch, long afterSequence);
}
