using Orleans;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// One silo's row, as stored (JSON) in its row item: every field of a
/// <see cref="MembershipEntry"/> plus the row's own etag. Silo addresses are kept in their parsable form.
/// </summary>
internal sealed record SiloRow(
    string ETag,
    string Silo,
    SiloStatus Status,
    IReadOnlyList<SuspectVote>? SuspectTimes,
    int ProxyPort,
    string? HostName,
    string? SiloName,
    string? RoleName,
    int UpdateZone,
    int FaultZone,
    DateTime StartTime,
    DateTime IAmAliveTime)
{
    /// <summary>Stores <paramref name="entry"/> under a new etag.</summary>
    public static SiloRow From(MembershipEntry entry) => new(
        VersionRecord.NewETag(),
        entry.SiloAddress.ToParsableString(),
        entry.Status,
        entry.SuspectTimes?.Select(vote => new SuspectVote(vote.Item1.ToParsableString(), vote.Item2)).ToList(),
        entry.ProxyPort,
        entry.HostName,
        entry.SiloName,
        entry.RoleName,
        entry.UpdateZone,
        entry.FaultZone,
        entry.StartTime,
        entry.IAmAliveTime);

    /// <summary>
    /// Rebuilds the entry. <paramref name="aliveTime"/>, the silo's last separate I-am-alive write, replaces the stored
    /// <see cref="IAmAliveTime"/> when it is newer.
    /// </summary>
    public MembershipEntry ToEntry(DateTime? aliveTime) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(Silo),
        Status = Status,
        SuspectTimes = SuspectTimes?.Select(vote => Tuple.Create(SiloAddress.FromParsableString(vote.Silo), vote.Time)).ToList(),
        ProxyPort = ProxyPort,
        HostName = HostName ?? "",
        SiloName = SiloName ?? "",
        RoleName = RoleName,
        UpdateZone = UpdateZone,
        FaultZone = FaultZone,
        StartTime = StartTime,
        IAmAliveTime = aliveTime is { } alive && UtcTime.Of(alive) > UtcTime.Of(IAmAliveTime) ? alive : IAmAliveTime,
    };
}

/// <summary>One silo's vote that another is dead, as stored.</summary>
internal sealed record SuspectVote(string Silo, DateTime Time);
