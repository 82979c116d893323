using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Health;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Sessions;

// The heartbeat's agent check (issue 12 item 2): see SessionHealthCheck for the rules, docs/sessions/health.md for the whole.
public sealed partial class SessionGrain
{
    private SessionHealthCheck? _healthCheck;

    /// <summary>Checks the agents of the running requests; a session with none makes no call at all.</summary>
    private async Task CheckHealthAsync()
    {
        await RetryRecoveryEnqueueAsync();
        if (!SessionLifecycle.IsLive(State.Status) || State.Status == SessionStatus.Terminating) return;
        var running = State.Requests.Where(r => r.Status.IsActive()).Select(r => r.WorkflowId).ToList();
        if (running.Count == 0) return;

        var options = ServiceProvider.GetRequiredService<IOptions<SessionHealthOptions>>().Value;
        if (!options.Enabled) return;
        _healthCheck ??= new SessionHealthCheck(new HealthPorts(this), options, _time) { KeyOf = id => GrainKeys.Workflow(GrainKeys.TenantOf(SessionKey), id) };
        var report = await _healthCheck.RunAsync(running);
        TDeveloperTelemetry.SessionAgentChecks.Add(report.AgentsChecked);
        foreach (var problem in report.Problems) LogHealthProblem(SessionKey, problem);
        foreach (var action in report.Actions) await RecordAsync(action);
    }

    private async Task RecordAsync(HealthAction action)
    {
        TDeveloperTelemetry.SessionAgentActions.Add(1, new("action", action.Kind.ToString()), new("agent", action.Agent));
        var workflowId = action.WorkflowIds.Length == 1 ? action.WorkflowIds[0] : null;
        switch (action.Kind)
        {
            case HealthActionKind.Redispatched:
                LogRedispatched(SessionKey, action.Agent, action.Reason); // the workflow's own events show the hand-over
                return;
            case HealthActionKind.Recreated:
                LogRecreated(SessionKey, action.Agent, action.Reason);
                await PersistAsync(HealthEvent(SessionEventKind.AgentRecreated, action, workflowId, "recreated", $"{action.Agent} recreated: {action.Reason}"));
                return;
            case HealthActionKind.FellBack:
                LogFellBack(SessionKey, action.Agent, action.Fallback!, action.Reason);
                await PersistAsync(HealthEvent(SessionEventKind.AgentFallback, action, workflowId, "fallback", $"{action.Agent}'s steps moved to {action.Fallback}: {action.Reason}"));
                return;
            default:
                LogNoFallback(SessionKey, action.Agent, action.Reason);
                await PersistAsync(HealthEvent(SessionEventKind.AgentFallback, action, workflowId, "no-fallback", $"{action.Agent} has no fallback agent; its steps wait: {action.Reason}"));
                return;
        }
    }

    private SessionEvent HealthEvent(SessionEventKind kind, HealthAction action, string? workflowId, string status, string message) => new()
    {
        Kind = kind, SessionId = GrainKeys.LocalIdOf(SessionKey), WorkflowId = workflowId, Agent = action.Fallback ?? action.Agent,
        Status = status, Message = message, At = _time.GetUtcNow(),
    };

    /// <summary>The grain calls of the check.</summary>
    private sealed class HealthPorts(SessionGrain session) : ISessionHealthPorts
    {
        private IGrainFactory Grains => session.GrainFactory;

        public Task<WorkflowSnapshot?> GetWorkflowAsync(string workflowId) => Grains.GetGrain<IWorkflowGrain>(KeyOf(workflowId)).GetAsync();

        public Task<AgentHealth> GetAgentHealthAsync(string agent) => AgentOf(agent).GetHealthAsync();

        public Task RecreateAgentAsync(string agent, string reason) => AgentOf(agent).RecreateAsync(reason);

        public Task RedispatchAsync(string workflowId) => Grains.GetGrain<IWorkflowCallbacks>(KeyOf(workflowId)).RecoverAsync();

        public Task<int> ReassignAsync(string workflowId, string from, string to, string reason) => Grains.GetGrain<IWorkflowCallbacks>(KeyOf(workflowId)).ReassignAgentAsync(from, to, reason);

        private IAgentGrain AgentOf(string agent) => Grains.GetGrain<IAgentGrain>(GrainKeys.Agent(session.SessionKey, agent));

        private string KeyOf(string workflowId) => GrainKeys.Workflow(GrainKeys.TenantOf(session.SessionKey), workflowId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} recreated agent {Agent}: {Reason}")]
    private partial void LogRecreated(string sessionKey, string agent, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} moved the unfinished steps of agent {Agent} to {Fallback}: {Reason}")]
    private partial void LogFellBack(string sessionKey, string agent, string fallback, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionKey}: agent {Agent} cannot start and has no fallback agent; its steps wait: {Reason}")]
    private partial void LogNoFallback(string sessionKey, string agent, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} had the workflows of agent {Agent} hand their steps over again: {Reason}")]
    private partial void LogRedispatched(string sessionKey, string agent, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey} health check: {Problem}")]
    private partial void LogHealthProblem(string sessionKey, string problem);
}
