using System.Net;

namespace TDeveloper.Aws.Tests.Membership;

/// <summary>Membership entries for tests, each with a silo address of its own.</summary>
internal static class TestEntries
{
    private static int _generation;

    /// <summary>Creates a silo's entry; times default to now (not rounded, so storage must keep every tick).</summary>
    public static MembershipEntry Create(SiloStatus status = SiloStatus.Joining, DateTime? time = null, int? proxyPort = null)
    {
        var generation = Interlocked.Increment(ref _generation);
        var at = time ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 11111, generation),
            Status = status,
            HostName = Dns.GetHostName(),
            SiloName = $"silo-{generation}",
            ProxyPort = proxyPort ?? 30000 + generation % 1000,
            StartTime = at,
            IAmAliveTime = at,
        };
    }

    /// <summary>Returns a copy of <paramref name="entry"/> with another status.</summary>
    public static MembershipEntry With(this MembershipEntry entry, SiloStatus status) => new()
    {
        SiloAddress = entry.SiloAddress,
        Status = status,
        SuspectTimes = entry.SuspectTimes is null ? null : [.. entry.SuspectTimes],
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = entry.StartTime,
        IAmAliveTime = entry.IAmAliveTime,
    };

    /// <summary>The gateway URI a client should be given for the silo at <paramref name="proxyPort"/>.</summary>
    public static Uri ToGatewayUri(this SiloAddress silo, int proxyPort) =>
        SiloAddress.New(new IPEndPoint(silo.Endpoint.Address, proxyPort), silo.Generation).ToGatewayUri();
}
