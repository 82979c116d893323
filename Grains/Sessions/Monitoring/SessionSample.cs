using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Grains.Sessions.Monitoring;

/// <summary>What one heartbeat of a live session measured of it.</summary>
public sealed record SessionSample
{
    /// <summary>Gets when it was taken.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Gets how long the session has lived.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the serialized size of the session's state.</summary>
    public long StateBytes { get; init; }

    /// <summary>Gets the estimated bytes of its agents' memory tiers (as last sampled).</summary>
    public long AgentBytes { get; init; }

    /// <summary>Gets the items in its agents' memory tiers (as last sampled).</summary>
    public int MemoryItems { get; init; }

    /// <summary>Gets the number of its workflows.</summary>
    public int Workflows { get; init; }

    /// <summary>Gets its workflows' finished steps (completed, failed or compensated).</summary>
    public int FinishedSteps { get; init; }

    /// <summary>Gets its workflows' failed steps.</summary>
    public int FailedSteps { get; init; }

    /// <summary>Gets the tokens and cost of its workflows' steps.</summary>
    public ModelUsage Usage { get; init; } = ModelUsage.None;

    /// <summary>Gets the estimated memory: state plus agents.</summary>
    public long MemoryBytes => StateBytes + AgentBytes;

    /// <summary>Gets failed / finished steps, 0 when none finished.</summary>
    public double ErrorRate => FinishedSteps == 0 ? 0 : (double)FailedSteps / FinishedSteps;
}
