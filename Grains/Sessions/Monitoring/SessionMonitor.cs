using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Sessions.Reports;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions.Monitoring;

/// <summary>What a sample changed in a session's alerts: the ones raised (crossed their threshold) and the kinds cleared (back under it).</summary>
/// <param name="Raised">The alerts raised by this sample.</param>
/// <param name="Cleared">The kinds of alerts cleared by this sample.</param>
public sealed record AlertChanges(ImmutableArray<SessionAlert> Raised, ImmutableArray<SessionAlertKind> Cleared)
{
    /// <summary>Nothing changed.</summary>
    public static readonly AlertChanges None = new([], []);

    /// <summary>Gets whether anything changed.</summary>
    public bool Any => !Raised.IsEmpty || !Cleared.IsEmpty;
}

/// <summary>
/// Judges a session's samples against the thresholds of <see cref="SessionMonitoringOptions"/>: an alert is raised once when its
/// figure goes over the threshold, stays while it is over (no new alert each heartbeat), and is cleared when the figure is back at
/// or under it, so the next crossing raises it again. The error rate is judged only once
/// <see cref="SessionMonitoringOptions.ErrorRateMinSteps"/> steps finished.
/// </summary>
public sealed class SessionMonitor(SessionMonitoringOptions options)
{
    /// <summary>Gets the alerts that <paramref name="sample"/> raises or clears, given the ones <paramref name="active"/> now.</summary>
    public AlertChanges Evaluate(SessionSample sample, IEnumerable<SessionAlert> active)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(active);
        var activeKinds = active.Select(a => a.Kind).ToHashSet();
        var raised = ImmutableArray.CreateBuilder<SessionAlert>();
        var cleared = ImmutableArray.CreateBuilder<SessionAlertKind>();
        foreach (var (kind, over, value, threshold) in Figures(sample))
        {
            if (over && !activeKinds.Contains(kind))
                raised.Add(new SessionAlert { Kind = kind, RaisedAt = sample.At, Value = value, Threshold = threshold });
            else if (!over && activeKinds.Contains(kind)) cleared.Add(kind);
        }

        return raised.Count == 0 && cleared.Count == 0 ? AlertChanges.None : new(raised.ToImmutable(), cleared.ToImmutable());
    }

    /// <summary>Gets whether the sample's error rate is judged: enough steps finished.</summary>
    public bool ErrorRateJudged(SessionSample sample) => sample.FinishedSteps >= options.ErrorRateMinSteps;

    private IEnumerable<(SessionAlertKind Kind, bool Over, double Value, double Threshold)> Figures(SessionSample sample)
    {
        yield return (SessionAlertKind.Memory, sample.MemoryBytes > options.MemoryThresholdBytes, sample.MemoryBytes, options.MemoryThresholdBytes);
        yield return (SessionAlertKind.Duration, sample.Duration > options.DurationThreshold, sample.Duration.TotalSeconds, options.DurationThreshold.TotalSeconds);
        yield return (SessionAlertKind.ErrorRate, ErrorRateJudged(sample) && sample.ErrorRate > options.ErrorRateThreshold, sample.ErrorRate, options.ErrorRateThreshold);
    }
}
