using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>
/// The typed facade over the T-Developer grains: what other .NET services and the HTTP API call.
/// It works the same inside a silo process and in an external Orleans client process.
/// </summary>
/// <remarks>
/// Every method takes the tenant first. Tenant and ids must be valid key segments
/// (<see cref="Grains.Interfaces.GrainKeys.IsValidSegment"/>); an invalid one throws
/// <see cref="ArgumentException"/>. Cancelling a token stops waiting for a command; the
/// command itself may still be carried out.
/// </remarks>
public interface ITDeveloperClient
{
    /// <summary>Creates a session with a new id.</summary>
    Task<SessionCommandResult> CreateSessionAsync(string tenant, CreateSessionInput input, CancellationToken cancellationToken = default);

    /// <summary>Gets a session, or <see langword="null"/> when it does not exist.</summary>
    Task<SessionSnapshot?> GetSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Submits a development request to a session, which plans it and starts its workflow.</summary>
    Task<SubmitRequestResult> SubmitRequestAsync(string tenant, string sessionId, SubmitRequestInput input, CancellationToken cancellationToken = default);

    /// <summary>Pauses an active session.</summary>
    Task<SessionCommandResult> PauseSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused session.</summary>
    Task<SessionCommandResult> ResumeSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Cancels the running workflows of a session and ends it.</summary>
    Task<SessionCommandResult> CancelSessionAsync(string tenant, string sessionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Ends a session whose workflows have all finished.</summary>
    Task<SessionCommandResult> CompleteSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets a workflow, or <see langword="null"/> when it was never started.</summary>
    Task<WorkflowSnapshot?> GetWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running workflow; returns <see langword="null"/> when it was never started.</summary>
    Task<WorkflowSnapshot?> CancelWorkflowAsync(string tenant, string workflowId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Gets the statistics of every agent that has worked on the session's requests, or <see langword="null"/> when the session does not exist.</summary>
    Task<System.Collections.Immutable.ImmutableArray<AgentSnapshot>?> GetAgentsAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Pauses a running workflow: no new step starts until it is resumed.</summary>
    Task<WorkflowCommandResult> PauseWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused workflow.</summary>
    Task<WorkflowCommandResult> ResumeWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Approves or rejects an approval step that waits for a decision.</summary>
    Task<WorkflowCommandResult> DecideAsync(string tenant, string workflowId, ApprovalDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Gets the plan templates (newest version of each).</summary>
    Task<System.Collections.Immutable.ImmutableArray<PlanTemplate>> ListTemplatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a plan template by name, or <see langword="null"/>.</summary>
    Task<PlanTemplate?> GetTemplateAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Watches a session: its logged events after <paramref name="afterSequence"/>, then every new one, until cancelled.</summary>
    /// <remarks>
    /// The session's event stream is subscribed first; then the session's event log is replayed from
    /// <paramref name="afterSequence"/> (0: from the start of what the log keeps), then the live events
    /// follow, each exactly once and in <see cref="SessionEvent.Sequence"/> order. A watcher that
    /// reconnects passes the last sequence it saw and misses nothing the log still keeps. A watcher that
    /// falls more than <see cref="TDeveloperClient.WatchBufferCapacity"/> events behind fails with
    /// <see cref="InvalidOperationException"/> rather than slow the cluster down.
    /// </remarks>
    /// <exception cref="KeyNotFoundException">The session does not exist (thrown on the first move).</exception>
    IAsyncEnumerable<SessionEvent> WatchSessionAsync(string tenant, string sessionId, long afterSequence = 0, CancellationToken cancellationToken = default);
}
