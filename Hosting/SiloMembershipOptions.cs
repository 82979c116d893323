using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Hosting;

/// <summary>
/// Gets or sets how fast the cluster declares a lost silo dead (section <c>TDeveloper:Silo:Membership</c>), applied to Orleans'
/// <c>ClusterMembershipOptions</c> in both modes.
/// </summary>
/// <remarks>
/// Each silo probes a few others; a silo that misses <see cref="NumMissedProbesLimit"/> probes in a row, each
/// <see cref="ProbeTimeout"/> long, is suspected, and <see cref="NumVotesForDeathDeclaration"/> suspicions declare it dead
/// in the membership table. The defaults (2 s, 2, 1) declare a SIGKILLed silo dead in about 2 × 2 s plus one table write,
/// 5 to 6 s on a busy 2-core machine, so its grains and reminders move that soon. Orleans' own defaults (5 s, 3, 2) take
/// 15 s or more. The price is sensitivity: a silo that stalls longer than about 4 s (a long GC pause, a starved thread
/// pool) can be declared dead by mistake, after which Orleans stops it and it must restart. Orleans lets a silo whose own
/// health is degraded vote less, which tempers this. For clusters of five or more silos, raise
/// <see cref="NumVotesForDeathDeclaration"/> to 2 so that one slow prober cannot evict a healthy silo; on overloaded
/// machines raise <see cref="ProbeTimeout"/>.
/// </remarks>
public sealed class SiloMembershipOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Silo:Membership";

    /// <summary>Gets or sets how long a probe may go unanswered before it counts as missed. Default 2 s (Orleans: 5 s); 0.5 s to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how many probes in a row a silo may miss before its prober suspects it. Default 2 (Orleans: 3); 1 to 10.</summary>
    [Range(1, 10)]
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Gets or sets how many silos must suspect a silo to declare it dead. Default 1 for small clusters (Orleans: 2); 1 to 10.</summary>
    [Range(1, 10)]
    public int NumVotesForDeathDeclaration { get; set; } = 1;
}
