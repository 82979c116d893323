using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>A session's figures over all its workflows: what the 30 s monitoring samples.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionReportTotals")]
public sealed record SessionReportTotals
{
    /// <summary>Gets the tokens and cost of every step.</summary>
    [Id(0)] public ModelUsage Usage { get; init; } = ModelUsage.None;

    /// <summary>Gets the number of workflows (requests).</summary>
    [Id(1)] public int Workflows { get; init; }

    /// <summary>Gets the steps that finished: completed, failed or compensated.</summary>
    [Id(2)] public int FinishedSteps { get; init; }

    /// <summary>Gets the steps that failed after their last attempt.</summary>
    [Id(3)] public int FailedSteps { get; init; }

    /// <summary>Gets <see cref="FailedSteps"/> / <see cref="FinishedSteps"/> (0 when none finished).</summary>
    [Id(4)] public double ErrorRate { get; init; }

    /// <summary>Gets how long the session has lived (to its end, once it ended).</summary>
    [Id(5)] public TimeSpan Duration { get; init; }

    /// <summary>Gets the estimated memory: the state's serialized size plus the agents' memory tiers.</summary>
    [Id(6)] public long MemoryBytes { get; init; }

    /// <summary>Gets the state's serialized size, part of <see cref="MemoryBytes"/>.</summary>
    [Id(7)] public long StateBytes { get; init; }

    /// <summary>Gets the items in the agents' memory tiers.</summary>
    [Id(8)] public int MemoryItems { get; init; }
}
