using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TDeveloper.Grains.Routing;

/// <summary>
/// This process's (silo's) agent utilisation per agent type: tasks in flight ÷ the capacity of the agents that have tasks in
/// flight (each agent's <c>AgentTypeInfo.Capacity</c> from the registry). Fed by agents as tasks start and end; read by the
/// <c>tdeveloper.agents.utilisation</c> gauge. Two counters per type, updated atomically: cheap on every task.
/// </summary>
public static class AgentUtilisation
{
    private static readonly ConcurrentDictionary<string, Counts> Types = new(StringComparer.Ordinal);

    /// <summary>Notes a task started on an agent of <paramref name="agent"/>; <paramref name="capacity"/> is added when the agent was idle.</summary>
    public static void Started(string agent, int capacity, bool firstOfAgent)
    {
        var counts = Types.GetOrAdd(agent, _ => new Counts());
        Interlocked.Increment(ref counts.InFlight);
        if (firstOfAgent) Interlocked.Add(ref counts.Capacity, Math.Max(1, capacity));
    }

    /// <summary>Notes a task ended; <paramref name="capacity"/> is taken away when the agent is idle again.</summary>
    public static void Ended(string agent, int capacity, bool lastOfAgent)
    {
        var counts = Types.GetOrAdd(agent, _ => new Counts());
        Interlocked.Decrement(ref counts.InFlight);
        if (lastOfAgent) Interlocked.Add(ref counts.Capacity, -Math.Max(1, capacity));
    }

    /// <summary>Gets the utilisation of <paramref name="agent"/> now (0 when idle).</summary>
    public static double Of(string agent) =>
        Types.TryGetValue(agent, out var counts) && Volatile.Read(ref counts.Capacity) is var capacity and > 0 ? (double)Volatile.Read(ref counts.InFlight) / capacity : 0;

    /// <summary>Gets one measurement per agent type seen, tagged with the agent.</summary>
    public static IEnumerable<Measurement<double>> Measure() =>
        Types.Keys.Select(agent => new Measurement<double>(Of(agent), new KeyValuePair<string, object?>("agent", agent)));

    private sealed class Counts
    {
        public long InFlight;
        public long Capacity;
    }
}
