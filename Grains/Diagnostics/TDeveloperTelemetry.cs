using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TDeveloper.Grains.Diagnostics;

/// <summary>T-Developer's meter and activity source, exported by OpenTelemetry under the name "TDeveloper".</summary>
public static class TDeveloperTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "TDeveloper";

    /// <summary>Gets the activity source for T-Developer's own spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Gets the count of sessions created.</summary>
    public static Counter<long> SessionsCreated { get; } = Meter.CreateCounter<long>("tdeveloper.sessions.created", "{session}");

    /// <summary>Gets the count of sessions ended, tagged with the reason.</summary>
    public static Counter<long> SessionsEnded { get; } = Meter.CreateCounter<long>("tdeveloper.sessions.ended", "{session}");

    /// <summary>Gets the count of requests submitted.</summary>
    public static Counter<long> RequestsSubmitted { get; } = Meter.CreateCounter<long>("tdeveloper.requests.submitted", "{request}");

    /// <summary>Gets the count of workflows that reached a final state, tagged with the status.</summary>
    public static Counter<long> WorkflowsFinished { get; } = Meter.CreateCounter<long>("tdeveloper.workflows.finished", "{workflow}");

    /// <summary>Gets the count of step attempts that finished, tagged with agent and outcome.</summary>
    public static Counter<long> StepAttemptsFinished { get; } = Meter.CreateCounter<long>("tdeveloper.steps.attempts", "{attempt}");

    /// <summary>Gets the number of agent tasks running now, tagged with agent.</summary>
    public static UpDownCounter<long> AgentTasksActive { get; } = Meter.CreateUpDownCounter<long>("tdeveloper.agent.tasks.active", "{task}");

    /// <summary>Gets the duration of agent tasks, tagged with agent and outcome.</summary>
    public static Histogram<double> AgentTaskDuration { get; } = Meter.CreateHistogram<double>("tdeveloper.agent.task.duration", "s");

    /// <summary>Gets the count of model tokens, tagged with model and direction (input, output).</summary>
    public static Counter<long> ModelTokens { get; } = Meter.CreateCounter<long>("tdeveloper.model.tokens", "{token}");

    /// <summary>Gets the cost of model calls in US dollars, tagged with model.</summary>
    public static Counter<double> ModelCost { get; } = Meter.CreateCounter<double>("tdeveloper.model.cost", "USD");

    /// <summary>Gets the count of model calls, tagged with model, provider and outcome (<c>ok</c> or the error kind).</summary>
    public static Counter<long> ModelCalls { get; } = Meter.CreateCounter<long>("tdeveloper.model.calls", "{call}");

    /// <summary>Gets the duration of model calls, tagged with model and outcome.</summary>
    public static Histogram<double> ModelCallDuration { get; } = Meter.CreateHistogram<double>("tdeveloper.model.call.duration", "s");

    /// <summary>Gets the count of models passed over for the next of a chain or ranking, tagged with the model left and why (circuit_open, quota, unsuitable or the error kind).</summary>
    public static Counter<long> ModelFallbacks { get; } = Meter.CreateCounter<long>("tdeveloper.model.fallbacks", "{fallback}");

    /// <summary>Gets the count of circuit breaker transitions, tagged with model and the new state (open, half-open, closed).</summary>
    public static Counter<long> ModelCircuitTransitions { get; } = Meter.CreateCounter<long>("tdeveloper.model.circuit.transitions", "{transition}");

    /// <summary>Gets the time calls waited for a model's quota, tagged with model and why (slowed, exhausted).</summary>
    public static Histogram<double> ModelQuotaWait { get; } = Meter.CreateHistogram<double>("tdeveloper.model.quota.wait", "s");

    /// <summary>Gets the count of agents the session heartbeats asked for their health.</summary>
    public static Counter<long> SessionAgentChecks { get; } = Meter.CreateCounter<long>("tdeveloper.sessions.health.checks", "{agent}");

    /// <summary>Gets the count of what session heartbeats did about unhealthy agents, tagged with action (Recreated, FellBack, NoFallback, Redispatched) and agent.</summary>
    public static Counter<long> SessionAgentActions { get; } = Meter.CreateCounter<long>("tdeveloper.sessions.health.actions", "{action}");

    /// <summary>Gets the count of crash-recovery attempts of sessions, tagged with outcome (recovered, nothing, retrying, failed).</summary>
    public static Counter<long> SessionRecoveries { get; } = Meter.CreateCounter<long>("tdeveloper.sessions.recoveries", "{attempt}");

    /// <summary>Gets the number of sessions waiting in the crash-recovery queues.</summary>
    public static UpDownCounter<long> SessionRecoveryQueued { get; } = Meter.CreateUpDownCounter<long>("tdeveloper.sessions.recovery.queued", "{session}");

    /// <summary>Gets the count of texts memory asked to embed, tagged with outcome (cached, embedded, failed).</summary>
    public static Counter<long> MemoryEmbeddings { get; } = Meter.CreateCounter<long>("tdeveloper.memory.embeddings", "{text}");

    /// <summary>Gets the count of session checkpoints stored, tagged with kind (Scheduled, Change, Manual).</summary>
    public static Counter<long> CheckpointsTaken { get; } = Meter.CreateCounter<long>("tdeveloper.checkpoints.taken", "{checkpoint}");

    /// <summary>Gets the bytes of session checkpoint bodies stored (compressed and encrypted), tagged with kind.</summary>
    public static Counter<long> CheckpointBytes { get; } = Meter.CreateCounter<long>("tdeveloper.checkpoints.bytes", "By");

    /// <summary>Gets the count of checkpoints not taken or not restored, tagged with reason (failed: a take failed; corrupt: a body failed its checks).</summary>
    public static Counter<long> CheckpointsSkipped { get; } = Meter.CreateCounter<long>("tdeveloper.checkpoints.skipped", "{checkpoint}");

    /// <summary>Gets the count of session monitoring alerts raised, tagged with the kind (memory, duration, error_rate).</summary>
    public static Counter<long> SessionAlerts { get; } = Meter.CreateCounter<long>("tdeveloper.sessions.alerts", "{alert}");

    /// <summary>Gets live sessions' estimated memory (state plus agents' memory tiers), one value per session per heartbeat sample.</summary>
    public static Histogram<long> SessionMemory { get; } = Meter.CreateHistogram<long>("tdeveloper.sessions.memory", "By");

    /// <summary>Gets live sessions' age, one value per session per heartbeat sample.</summary>
    public static Histogram<double> SessionAge { get; } = Meter.CreateHistogram<double>("tdeveloper.sessions.age", "s");

    /// <summary>Gets live sessions' error rate (failed / finished steps), per heartbeat sample of a session with enough finished steps to judge.</summary>
    public static Histogram<double> SessionErrorRate { get; } = Meter.CreateHistogram<double>("tdeveloper.sessions.error_rate", "1");

    /// <summary>Gets the number of requests waiting in sessions' queues for a free slot (per silo: queued there minus started or cancelled there).</summary>
    public static UpDownCounter<long> QueueDepth { get; } = Meter.CreateUpDownCounter<long>("tdeveloper.queue.depth", "{request}");

    /// <summary>Gets how long queued requests waited before their workflow started, tagged with priority (critical, high, normal, low).</summary>
    public static Histogram<double> QueueWait { get; } = Meter.CreateHistogram<double>("tdeveloper.queue.wait", "s");

    /// <summary>Gets the count of queued requests taken from the queue, tagged with outcome (started, cancelled) and priority.</summary>
    public static Counter<long> QueueDequeues { get; } = Meter.CreateCounter<long>("tdeveloper.queue.dequeues", "{request}");

    /// <summary>Gets the count of submissions refused because the session's queue was full (HTTP 429).</summary>
    public static Counter<long> QueueRejections { get; } = Meter.CreateCounter<long>("tdeveloper.queue.rejections", "{request}");

    /// <summary>Gets the count of queued requests that were still waiting past their deadline (an alert: also logged and a <c>QueueDeadlineMissed</c> event), tagged with priority.</summary>
    public static Counter<long> QueueDeadlinesMissed { get; } = Meter.CreateCounter<long>("tdeveloper.queue.deadline_missed", "{request}");

    /// <summary>Gets the time of the decision engine's decide call for a request with neither plan nor template, tagged with outcome (decided, clarify) and the top-ranked agent type.</summary>
    public static Histogram<double> DecisionLatency { get; } = Meter.CreateHistogram<double>("tdeveloper.routing.decision.latency", "s");

    /// <summary>Gets this silo's agent utilisation per agent type: tasks in flight ÷ the registry capacity of the agents with tasks in flight, tagged with agent.</summary>
    public static ObservableGauge<double> AgentUtilisation { get; } = Meter.CreateObservableGauge("tdeveloper.agents.utilisation", Routing.AgentUtilisation.Measure, "1");

    /// <summary>Gets the count of routing alerts raised (an agent type's p99 task duration or error rate over its threshold in the window), tagged with kind (latency, error_rate) and agent.</summary>
    public static Counter<long> RoutingAlerts { get; } = Meter.CreateCounter<long>("tdeveloper.routing.alerts", "{alert}");

    /// <summary>Gets the count of tasks given to agent instances by sessions' balancers, tagged with agent, strategy and how (available, started, overflow, held).</summary>
    public static Counter<long> AgentAssignments { get; } = Meter.CreateCounter<long>("tdeveloper.agents.assignments", "{task}");

    // Issue 15: the seed's counters not covered above (active: AgentTasksActive; tokens: ModelTokens; cost: ModelCost;
    // sessions: SessionsCreated/SessionsEnded; checkpoints: CheckpointsTaken; recoveries: SessionRecoveries).

    /// <summary>Gets the count of agent tasks that succeeded, tagged with agent (the type).</summary>
    public static Counter<long> AgentTasksCompleted { get; } = Meter.CreateCounter<long>("tdeveloper.agent.tasks.completed", "{task}");

    /// <summary>Gets the count of agent tasks that failed (error or time-out), tagged with agent (the type).</summary>
    public static Counter<long> AgentTasksFailed { get; } = Meter.CreateCounter<long>("tdeveloper.agent.tasks.failed", "{task}");

    /// <summary>Gets the number of steps waiting in sessions' queues (their requests not started yet), tagged with agent (the type); per silo: queued there minus taken there.</summary>
    public static UpDownCounter<long> AgentTasksQueued { get; } = Meter.CreateUpDownCounter<long>("tdeveloper.agent.tasks.queued", "{task}");

    /// <summary>Gets the number of sessions not yet ended (per silo: created there minus ended there; the sum over silos is the cluster's).</summary>
    public static UpDownCounter<long> SessionsActive { get; } = Meter.CreateUpDownCounter<long>("tdeveloper.sessions.active", "{session}");

    /// <summary>Gets the time from a workflow's start to its final state, tagged with the status: the response time of a request.</summary>
    public static Histogram<double> WorkflowDuration { get; } = Meter.CreateHistogram<double>("tdeveloper.workflow.duration", "s");
}
