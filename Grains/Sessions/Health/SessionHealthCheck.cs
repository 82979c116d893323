using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions.Health;

/// <summary>What the session heartbeat's check calls, so that tests can drive it without a silo.</summary>
public interface ISessionHealthPorts
{
    /// <summary>Gets a workflow of the session, or <see langword="null"/> when it was never started.</summary>
    Task<WorkflowSnapshot?> GetWorkflowAsync(string workflowId);

    /// <summary>Gets an agent's health (its activation answers; activating it first if needed).</summary>
    Task<AgentHealth> GetAgentHealthAsync(string agent);

    /// <summary>Recreates an agent (<see cref="IAgentGrain.RecreateAsync"/>).</summary>
    Task RecreateAgentAsync(string agent, string reason);

    /// <summary>Has a workflow hand its in-flight work to its agents again.</summary>
    Task RedispatchAsync(string workflowId);

    /// <summary>Moves a workflow's unfinished steps from one agent to another; returns how many in-flight attempts it handed over.</summary>
    Task<int> ReassignAsync(string workflowId, string from, string to, string reason);
}

/// <summary>What the check did about one agent.</summary>
public enum HealthActionKind
{
    /// <summary>The agent was stale or did not answer; it was recreated and answers again, and its workflows handed its steps over.</summary>
    Recreated,

    /// <summary>The agent could not start again; its workflows moved its unfinished steps to the fallback agent.</summary>
    FellBack,

    /// <summary>The agent could not start again and has no fallback type: its steps wait for it, or for their timeouts.</summary>
    NoFallback,

    /// <summary>The agent did not hold steps its workflows believed running; the workflows handed them over again.</summary>
    Redispatched,
}

/// <summary>One thing the check did.</summary>
/// <param name="Kind">What it did.</param>
/// <param name="Agent">The agent it concerned.</param>
/// <param name="Fallback">The agent that took over, for <see cref="HealthActionKind.FellBack"/>.</param>
/// <param name="Reason">Why.</param>
/// <param name="WorkflowIds">The workflows whose steps were handed over or moved.</param>
public sealed record HealthAction(HealthActionKind Kind, string Agent, string? Fallback, string Reason, ImmutableArray<string> WorkflowIds);

/// <summary>The result of one check: how many agents were checked and what was done.</summary>
/// <param name="AgentsChecked">How many agents were asked for their health.</param>
/// <param name="Actions">What was done, per agent that was not healthy.</param>
/// <param name="Problems">Calls that failed on the way (a workflow that did not answer, a hand-over refused), for the log.</param>
public sealed record HealthReport(int AgentsChecked, ImmutableArray<HealthAction> Actions, ImmutableArray<string> Problems)
{
    /// <summary>Gets the report of a check that had nothing to check.</summary>
    public static HealthReport Empty { get; } = new(0, [], []);
}

/// <summary>
/// The session heartbeat's check of the agents its running workflows use, free of Orleans: each agent with a step in flight is
/// asked for its health (<see cref="AgentHealthRules"/>). A stale or silent agent is recreated; if it then does not answer (it
/// cannot start), its workflows move its unfinished steps to its fallback type. An agent that lost a step has its workflow
/// hand it over again. Every call is bounded by <see cref="SessionHealthOptions.CallTimeout"/>.
/// </summary>
public sealed class SessionHealthCheck(ISessionHealthPorts ports, SessionHealthOptions options, TimeProvider time)
{
    /// <summary>Checks the agents of the given running workflows.</summary>
    public async Task<HealthReport> RunAsync(IReadOnlyCollection<string> runningWorkflowIds)
    {
        if (runningWorkflowIds.Count == 0) return HealthReport.Empty;
        var problems = new List<string>();
        var steps = new List<RunningStep>();
        foreach (var (workflowId, snapshot) in await Task.WhenAll(runningWorkflowIds.Select(async id => (id, await TryAsync(() => ports.GetWorkflowAsync(id), $"workflow {id}", problems)))))
        {
            if (snapshot is not { Status: WorkflowStatus.Running or WorkflowStatus.Compensating }) continue;
            steps.AddRange(snapshot.Steps.Where(s => s.Status == StepStatus.Running)
                .Select(s => new RunningStep(workflowId, KeyOf(workflowId), s.Id, s.Instance ?? s.Agent, s.Attempts, s.StartedAt)));
        }

        var byAgent = steps.GroupBy(s => s.Agent, StringComparer.Ordinal).ToList();
        var actions = await Task.WhenAll(byAgent.Select(group => CheckAgentAsync(group.Key, [.. group], problems)));
        return new HealthReport(byAgent.Count, [.. actions.OfType<HealthAction>()], [.. problems]);
    }

    /// <summary>Gets the grain key of a workflow of the session, to match the agent's idempotency keys; set by the grain.</summary>
    public Func<string, string> KeyOf { get; init; } = id => id;

    private async Task<HealthAction?> CheckAgentAsync(string agent, IReadOnlyList<RunningStep> steps, List<string> problems)
    {
        var (health, error) = await HealthOfAsync(agent);
        var verdict = AgentHealthRules.Evaluate(agent, health, error, steps, time.GetUtcNow(), options);
        var workflows = verdict.Steps.Select(s => s.WorkflowId).Distinct().ToImmutableArray();
        switch (verdict.Condition)
        {
            case AgentCondition.Healthy:
                return null;
            case AgentCondition.Lost:
                await RedispatchAllAsync(workflows, problems);
                return new HealthAction(HealthActionKind.Redispatched, agent, null, verdict.Reason!, workflows);
        }

        // Stale or silent: recreate it (an agent that does not answer may not take this call either), then see whether it starts.
        var reason = verdict.Reason!;
        await TryAsync(async () => { await ports.RecreateAgentAsync(agent, reason); return true; }, $"recreate {agent}", problems);
        var (fresh, startError) = await HealthOfAsync(agent);
        if (fresh is not null)
        {
            await RedispatchAllAsync(workflows, problems);
            return new HealthAction(HealthActionKind.Recreated, agent, null, reason, workflows);
        }

        var cannotStart = $"{reason}; it could not start again ({startError})";
        var type = AgentInstances.TypeOf(agent); // the steps move from the type, whichever of its instances they were on
        if (AgentHealthRules.FallbackFor(type, options) is not { } fallback) return new HealthAction(HealthActionKind.NoFallback, agent, null, cannotStart, workflows);
        foreach (var workflow in workflows) await TryAsync(() => ports.ReassignAsync(workflow, type, fallback, cannotStart), $"move {agent}'s steps of workflow {workflow} to {fallback}", problems);
        return new HealthAction(HealthActionKind.FellBack, agent, fallback, cannotStart, workflows);
    }

    private async Task<(AgentHealth? Health, string? Error)> HealthOfAsync(string agent)
    {
        try
        {
            return (await ports.GetAgentHealthAsync(agent).WaitAsync(options.CallTimeout, time), null);
        }
        catch (Exception ex)
        {
            return (null, ex is TimeoutException ? $"no answer within {options.CallTimeout.TotalSeconds:0.#} s" : $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task RedispatchAllAsync(ImmutableArray<string> workflows, List<string> problems)
    {
        foreach (var workflow in workflows) await TryAsync(async () => { await ports.RedispatchAsync(workflow); return true; }, $"hand over the steps of workflow {workflow}", problems);
    }

    private async Task<T?> TryAsync<T>(Func<Task<T>> call, string what, List<string> problems)
    {
        try
        {
            return await call().WaitAsync(options.CallTimeout, time);
        }
        catch (Exception ex)
        {
            lock (problems) problems.Add($"{what}: {ex.GetType().Name}: {ex.Message}");
            return default;
        }
    }
}
