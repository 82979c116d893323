using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions.Health;

/// <summary>How the heartbeat judges one agent of a session.</summary>
public enum AgentCondition
{
    /// <summary>It answers, and each of its tasks made progress within its limit.</summary>
    Healthy,

    /// <summary>It answers, but a task in flight made no progress for longer than <see cref="SessionHealthOptions.StaleAgentAfter"/> or its step's timeout.</summary>
    Stale,

    /// <summary>It does not answer (its call threw or timed out).</summary>
    Unresponsive,

    /// <summary>It answers and is not stuck, but a step its workflow believes running has not been with it for longer than the stale limit: the workflow should hand it over again.</summary>
    Lost,
}

/// <summary>The judgement of one agent: its condition, why, and the running steps of the session it holds.</summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Condition">Its condition.</param>
/// <param name="Reason">Why it is not healthy, for the event and the log.</param>
/// <param name="Steps">The steps of the session's workflows running on it.</param>
public sealed record AgentVerdict(string Agent, AgentCondition Condition, string? Reason, IReadOnlyList<RunningStep> Steps);

/// <summary>A step a workflow of the session believes running on an agent.</summary>
/// <param name="WorkflowId">The workflow id (without tenant).</param>
/// <param name="WorkflowKey">The workflow's grain key.</param>
/// <param name="StepId">The step id.</param>
/// <param name="Agent">The agent that runs it (after any fallback).</param>
/// <param name="Attempt">The attempt in flight.</param>
/// <param name="StartedAt">When the workflow started the attempt.</param>
public sealed record RunningStep(string WorkflowId, string WorkflowKey, string StepId, string Agent, int Attempt, DateTimeOffset? StartedAt)
{
    /// <summary>Gets the attempt's idempotency key, as the agent knows it.</summary>
    public string IdempotencyKey => AgentTask.KeyFor(WorkflowKey, StepId, Attempt);
}

/// <summary>The rules of the session heartbeat's agent check, free of Orleans.</summary>
public static class AgentHealthRules
{
    /// <summary>
    /// Judges an agent from its health (<see langword="null"/> when its call failed, with <paramref name="error"/>) and the
    /// session's steps running on it. A task in flight is stale once it made no progress (its start, a model delta) for
    /// longer than <see cref="SessionHealthOptions.StaleAgentAfter"/> or its step's timeout, whichever is shorter. An agent being
    /// recreated is left alone.
    /// </summary>
    public static AgentVerdict Evaluate(string agent, AgentHealth? health, string? error, IReadOnlyList<RunningStep> steps, DateTimeOffset now, SessionHealthOptions options)
    {
        if (health is null) return new(agent, AgentCondition.Unresponsive, $"{agent} did not answer ({error ?? "no answer"})", steps);
        if (health.Recreating) return new(agent, AgentCondition.Healthy, null, steps);

        foreach (var task in health.Tasks)
        {
            var limit = Limit(task.Timeout, options);
            var quiet = now - task.LastProgressAt;
            if (quiet > limit) return new(agent, AgentCondition.Stale, $"step '{task.StepId}' attempt {task.Attempt} made no progress for {quiet.TotalSeconds:0} s (limit {limit.TotalSeconds:0.#} s)", steps);
        }

        var held = health.Tasks.Select(t => t.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var lost = steps.Where(s => !held.Contains(s.IdempotencyKey) && s.StartedAt is { } started && now - started > options.StaleAgentAfter).ToList();
        if (lost.Count > 0) return new(agent, AgentCondition.Lost, $"{agent} does not hold {string.Join(", ", lost.Select(s => $"step '{s.StepId}' attempt {s.Attempt}"))} that its workflow started", lost);
        return new(agent, AgentCondition.Healthy, null, steps);
    }

    /// <summary>Gets the longest a task may go without progress: the stale limit or its step's timeout, whichever is shorter.</summary>
    public static TimeSpan Limit(TimeSpan stepTimeout, SessionHealthOptions options) =>
        stepTimeout > TimeSpan.Zero && stepTimeout < options.StaleAgentAfter ? stepTimeout : options.StaleAgentAfter;

    /// <summary>Gets the agent type that takes over from <paramref name="agent"/> when it cannot start, or <see langword="null"/> when it has none.</summary>
    public static string? FallbackFor(string agent, SessionHealthOptions options) =>
        options.FallbackAgents.TryGetValue(agent, out var fallback) && fallback != agent && AgentNames.All.Contains(fallback) ? fallback : null;
}
