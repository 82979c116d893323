namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>An estimate of what an agent's memory tiers hold in its activation.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentMemoryUsage")]
public sealed record AgentMemoryUsage
{
    /// <summary>Nothing held. A new instance each time: a reader that fills the objects it finds (Newtonsoft.Json, the fallback reader of old JSON grain state) would otherwise change one shared by every default.</summary>
    public static AgentMemoryUsage None => new();

    /// <summary>Gets the number of items over all tiers.</summary>
    [Id(0)] public int Items { get; init; }

    /// <summary>Gets the estimated bytes: the items' text (UTF-16) and its keyword index, plus a fixed overhead per item.</summary>
    [Id(1)] public long Bytes { get; init; }
}
