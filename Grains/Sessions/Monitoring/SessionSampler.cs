using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions.Reports;

namespace TDeveloper.Grains.Sessions.Monitoring;

/// <summary>
/// Keeps what a session's heartbeat needs so that a sample is cheap: each workflow's figures, read again only while it may
/// still change (not yet read, or not finished when last read), and the agents' memory sizes, asked again only when a request
/// ran since the last sample (asking an idle agent would keep its activation, or make one, only to learn it holds nothing new).
/// </summary>
/// <remarks>
/// Held in the session's activation, not persisted: after a reactivation the first sample reads each workflow once. An agent whose
/// activation was collected holds no working or short-term memory, so an agent not asked since the reactivation counts as empty.
/// </remarks>
public sealed class SessionSampler
{
    private readonly Dictionary<string, WorkflowFigures> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentMemoryUsage> _agents = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastSampleAt;
    private bool _agentsStale;

    /// <summary>Gets the last sample taken, if any.</summary>
    public SessionSample? Last { get; private set; }

    /// <summary>Gets the workflows (of the session's <paramref name="workflowIds"/>) whose figures must be read now: those not read yet or not finished when read.</summary>
    public ImmutableArray<string> WorkflowsToRead(IEnumerable<string> workflowIds)
    {
        ArgumentNullException.ThrowIfNull(workflowIds);
        return [.. workflowIds.Where(id => !_workflows.TryGetValue(id, out var known) || !known.Final)];
    }

    /// <summary>Records a workflow's figures just read; a workflow that ran since the last sample makes the agents' sizes stale.</summary>
    public void Update(string workflowId, WorkflowFigures figures, DateTimeOffset now, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var since = _lastSampleAt ?? now - interval;
        var ran = !figures.Final
            || _workflows.TryGetValue(workflowId, out var known) && !known.Final
            || figures.FinishedAt is { } finished && finished >= since;
        _workflows[workflowId] = figures;
        if (ran) _agentsStale = true;
    }

    /// <summary>Gets whether the agents' memory sizes should be asked for now.</summary>
    public bool AgentsStale => _agentsStale;

    /// <summary>Gets the agents of every workflow read so far.</summary>
    public ImmutableArray<string> Agents => [.. _workflows.Values.SelectMany(w => w.Agents).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Records the agents' memory sizes just asked for.</summary>
    public void UpdateAgents(IEnumerable<(string Agent, AgentMemoryUsage Usage)> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var (agent, usage) in agents) _agents[agent] = usage;
        _agentsStale = false;
    }

    /// <summary>Gets the sample of now, from the figures kept, and remembers it as <see cref="Last"/>.</summary>
    public SessionSample Sample(DateTimeOffset now, DateTimeOffset createdAt, long stateBytes)
    {
        _lastSampleAt = now;
        Last = new SessionSample
        {
            At = now,
            Duration = now - createdAt,
            StateBytes = stateBytes,
            AgentBytes = _agents.Values.Sum(a => a.Bytes),
            MemoryItems = _agents.Values.Sum(a => a.Items),
            Workflows = _workflows.Count,
            FinishedSteps = _workflows.Values.Sum(w => w.FinishedSteps),
            FailedSteps = _workflows.Values.Sum(w => w.FailedSteps),
            Usage = _workflows.Values.Aggregate(ModelUsage.None, (sum, w) => sum + w.Usage),
        };
        return Last;
    }
}
