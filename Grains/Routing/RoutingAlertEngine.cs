using System.Collections.Immutable;

namespace TDeveloper.Grains.Routing;

/// <summary>The kinds of routing alert.</summary>
public enum RoutingAlertKind
{
    /// <summary>The p99 task duration of an agent type is over its threshold.</summary>
    Latency,

    /// <summary>The share of failed tasks of an agent type is over its threshold.</summary>
    ErrorRate,
}

/// <summary>A routing alert raised or cleared by a finished task.</summary>
/// <param name="Kind">What crossed its threshold.</param>
/// <param name="Agent">The agent type.</param>
/// <param name="Raised"><see langword="true"/> when raised (crossed over), <see langword="false"/> when cleared (back under).</param>
/// <param name="Value">The window's figure (seconds for latency, a share for the error rate).</param>
/// <param name="Threshold">The threshold it was judged against.</param>
/// <param name="Samples">How many tasks the window held.</param>
public sealed record RoutingAlertChange(RoutingAlertKind Kind, string Agent, bool Raised, double Value, double Threshold, int Samples)
{
    /// <summary>Gets the kind's metric tag (latency, error_rate).</summary>
    public string KindTag => Kind == RoutingAlertKind.Latency ? "latency" : "error_rate";
}

/// <summary>
/// The window and thresholds behind routing alerts, pure (time from a <see cref="TimeProvider"/>): per agent type it keeps the
/// last <see cref="RoutingAlertOptions.MaxTasks"/> tasks within <see cref="RoutingAlertOptions.Window"/>, and after each finished
/// task judges the p99 duration and the error rate once <see cref="RoutingAlertOptions.MinSamples"/> are held. As with the
/// session monitor, an alert is raised once per crossing, stays while over, and is cleared when back at or under the threshold
/// (or when the window holds too few tasks to judge). Thread-safe.
/// </summary>
public sealed class RoutingAlertEngine(RoutingAlertOptions options, TimeProvider time)
{
    private readonly Dictionary<string, AgentWindow> _agents = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Records a finished task of <paramref name="agent"/> and gets the alerts it raised or cleared (usually none).</summary>
    public ImmutableArray<RoutingAlertChange> Record(string agent, TimeSpan duration, bool succeeded)
    {
        ArgumentException.ThrowIfNullOrEmpty(agent);
        if (!options.Enabled) return [];
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_agents.TryGetValue(agent, out var window)) _agents[agent] = window = new AgentWindow();
            window.Tasks.Enqueue((now, duration.TotalSeconds, !succeeded));
            if (!succeeded) window.Failed++;
            while (window.Tasks.Count > options.MaxTasks || (window.Tasks.Count > 0 && now - window.Tasks.Peek().At > options.Window))
                if (window.Tasks.Dequeue().Failed) window.Failed--;

            var count = window.Tasks.Count;
            var judged = count >= options.MinSamples;
            var p99 = judged ? P99(window.Tasks.Select(t => t.Seconds)) : 0;
            var errorRate = count == 0 ? 0 : (double)window.Failed / count;
            var changes = ImmutableArray.CreateBuilder<RoutingAlertChange>();
            Judge(window, changes, agent, RoutingAlertKind.Latency, judged && p99 > options.P99Threshold.TotalSeconds, p99, options.P99Threshold.TotalSeconds, count);
            Judge(window, changes, agent, RoutingAlertKind.ErrorRate, judged && errorRate > options.ErrorRateThreshold, errorRate, options.ErrorRateThreshold, count);
            return changes.ToImmutable();
        }
    }

    /// <summary>Gets the alerts active now, by agent type.</summary>
    public ImmutableArray<(string Agent, RoutingAlertKind Kind)> Active()
    {
        lock (_lock) return [.. _agents.SelectMany(a => a.Value.Active.Select(k => (a.Key, k)))];
    }

    /// <summary>Gets the 99th percentile (nearest rank) of <paramref name="values"/>.</summary>
    public static double P99(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(0.99 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static void Judge(AgentWindow window, ImmutableArray<RoutingAlertChange>.Builder changes, string agent, RoutingAlertKind kind, bool over, double value, double threshold, int samples)
    {
        if (over && window.Active.Add(kind)) changes.Add(new(kind, agent, true, value, threshold, samples));
        else if (!over && window.Active.Remove(kind)) changes.Add(new(kind, agent, false, value, threshold, samples));
    }

    private sealed class AgentWindow
    {
        public Queue<(DateTimeOffset At, double Seconds, bool Failed)> Tasks { get; } = new();

        public HashSet<RoutingAlertKind> Active { get; } = [];

        public int Failed { get; set; }
    }
}
