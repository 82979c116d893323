using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Client;

/// <summary>
/// The typed facade over the T-Developer grains: what other .NET services and the HTTP API call.
/// It works the same inside a silo process and in an external Orleans client process.
/// </summary>
/// <remarks>
/// Every method takes the tenant first. Tenant and ids must be valid key segments
/// (<see cref="Grains.Interfaces.GrainKeys.IsValidSegment"/>); an invalid one throws
/// <see cref="ArgumentException"/>. Cancelling a token stops waiting for a command; the
/// command itself may still be carried out. Every command returns a <see cref="CommandResult{T}"/>:
/// carried out, with the entity afterwards, or refused, with nothing changed and the reason in
/// <see cref="CommandResult{T}.Error"/>; each method lists the outcomes it can return.
/// </remarks>
public interface ITDeveloperClient
{
    /// <summary>Creates a session with a new id, within the concurrent-session limits of the tenant and of the cluster.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the new session; refused with <see cref="CommandOutcome.LimitReached"/> when the tenant or
    /// the cluster already has its maximum of sessions that have not ended (nothing is created).
    /// </returns>
    Task<CommandResult<SessionSnapshot>> CreateSessionAsync(string tenant, CreateSessionInput input, CancellationToken cancellationToken = default);

    /// <summary>Gets a page of the tenant's sessions (ids, owner, status and times), newest first, filtered by status, owner and creation time.</summary>
    /// <inheritdoc cref="ISessionIndexGrain.ListAsync" path="/returns"/>
    Task<CommandResult<SessionPage>> ListSessionsAsync(string tenant, SessionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets a session, or <see langword="null"/> when it does not exist.</summary>
    Task<SessionSnapshot?> GetSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Submits a development request to a session, which plans it and starts its workflow.</summary>
    /// <inheritdoc cref="ISessionGrain.SubmitRequestAsync" path="/returns"/>
    Task<CommandResult<SubmittedRequest>> SubmitRequestAsync(string tenant, string sessionId, SubmitRequestInput input, CancellationToken cancellationToken = default);

    /// <summary>Answers a session's pending clarification, which decides its waiting request again with the answer and starts its workflow.</summary>
    /// <inheritdoc cref="ISessionGrain.AnswerClarificationAsync" path="/returns"/>
    Task<CommandResult<SubmittedRequest>> AnswerClarificationAsync(string tenant, string sessionId, string clarificationId, ClarificationAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>Pauses an active session.</summary>
    /// <inheritdoc cref="ISessionGrain.PauseAsync" path="/returns"/>
    Task<CommandResult<SessionSnapshot>> PauseSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused session.</summary>
    /// <inheritdoc cref="ISessionGrain.ResumeAsync" path="/returns"/>
    Task<CommandResult<SessionSnapshot>> ResumeSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Cancels the running workflows of a session and ends it.</summary>
    /// <inheritdoc cref="ISessionGrain.CancelAsync" path="/returns"/>
    Task<CommandResult<SessionSnapshot>> CancelSessionAsync(string tenant, string sessionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Ends a session whose workflows have all finished.</summary>
    /// <inheritdoc cref="ISessionGrain.CompleteAsync" path="/returns"/>
    Task<CommandResult<SessionSnapshot>> CompleteSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets a workflow, or <see langword="null"/> when it was never started.</summary>
    Task<WorkflowSnapshot?> GetWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running workflow; its running steps' results are ignored.</summary>
    /// <inheritdoc cref="IWorkflowGrain.CancelAsync" path="/returns"/>
    Task<CommandResult<WorkflowSnapshot>> CancelWorkflowAsync(string tenant, string workflowId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Gets the statistics of every agent that has worked on the session's requests, or <see langword="null"/> when the session does not exist.</summary>
    Task<System.Collections.Immutable.ImmutableArray<AgentSnapshot>?> GetAgentsAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets the session's agent instances, how busy each is and which strategy spreads each type's tasks, or <see langword="null"/> when the session does not exist.</summary>
    Task<Grains.Interfaces.Agents.Balancing.AgentPoolSnapshot?> GetAgentPoolAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets the tokens and cost of a session's steps, per model and per workflow, or <see langword="null"/> when the session does not exist.</summary>
    Task<UsageBreakdown?> GetSessionUsageAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Searches the memory a session's agents share, by keyword and (with an embedding model configured) by vector similarity,
    /// most relevant first; <see langword="null"/> when the session does not exist.
    /// </summary>
    /// <exception cref="ArgumentException">The query is longer than <see cref="Grains.Interfaces.Memory.MemorySearchInput.MaxQueryLength"/> or the limit is out of range.</exception>
    Task<Grains.Interfaces.Memory.MemorySearchResult?> SearchSessionMemoryAsync(string tenant, string sessionId, Grains.Interfaces.Memory.MemorySearchInput input, CancellationToken cancellationToken = default);

    /// <summary>Gets a session's report (timeline, steps, totals, checkpoints, current alerts), or <see langword="null"/> when the session does not exist.</summary>
    Task<Grains.Interfaces.Sessions.Reports.SessionReport?> GetSessionReportAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets the tokens and cost of all of a tenant's model calls, per model.</summary>
    Task<UsageBreakdown> GetTenantUsageAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>Pauses a running workflow: no new step starts until it is resumed.</summary>
    /// <inheritdoc cref="IWorkflowGrain.PauseAsync" path="/returns"/>
    Task<CommandResult<WorkflowSnapshot>> PauseWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused workflow.</summary>
    /// <inheritdoc cref="IWorkflowGrain.ResumeAsync" path="/returns"/>
    Task<CommandResult<WorkflowSnapshot>> ResumeWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Approves or rejects an approval step that waits for a decision.</summary>
    /// <inheritdoc cref="IWorkflowGrain.DecideAsync" path="/returns"/>
    Task<CommandResult<WorkflowSnapshot>> DecideAsync(string tenant, string workflowId, ApprovalDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Gets the plan templates (newest version of each).</summary>
    Task<System.Collections.Immutable.ImmutableArray<PlanTemplate>> ListTemplatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets a plan template by name, or <see langword="null"/>.</summary>
    Task<PlanTemplate?> GetTemplateAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets the files of a session's workspace, ordered by path, or <see langword="null"/> when the session does not exist.</summary>
    Task<System.Collections.Immutable.ImmutableArray<WorkspaceFile>?> ListWorkspaceAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets one file of a session's workspace with its content, or <see langword="null"/> when the session or the file does not exist.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is not a valid workspace path (<see cref="WorkspacePath"/>).</exception>
    Task<WorkspaceFileContent?> ReadWorkspaceFileAsync(string tenant, string sessionId, string path, CancellationToken cancellationToken = default);

    /// <summary>Gets a session's whole workspace as a zip archive, or <see langword="null"/> when the session does not exist.</summary>
    Task<byte[]?> GetWorkspaceZipAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Takes a checkpoint of a session now (session, agents' memory, workflows, workspace), with an optional label.</summary>
    /// <inheritdoc cref="ISessionGrain.CheckpointAsync" path="/returns"/>
    Task<CommandResult<Grains.Interfaces.Checkpoints.CheckpointInfo>> CheckpointSessionAsync(string tenant, string sessionId, string? label, CancellationToken cancellationToken = default);

    /// <summary>Gets a session's kept checkpoints, newest first, or <see langword="null"/> when the session does not exist.</summary>
    Task<System.Collections.Immutable.ImmutableArray<Grains.Interfaces.Checkpoints.CheckpointInfo>?> ListCheckpointsAsync(string tenant, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores one of a session's kept checkpoints as a new session (a branch, "time travel"): the source's requests as
    /// history, its agents' memory and its workspace files. The source is unchanged. A new id is made when
    /// <see cref="Grains.Interfaces.Checkpoints.BranchSessionInput.NewSessionId"/> is empty.
    /// </summary>
    /// <inheritdoc cref="ISessionGrain.BranchAsync" path="/returns"/>
    Task<CommandResult<SessionSnapshot>> BranchSessionAsync(string tenant, string sessionId, Grains.Interfaces.Checkpoints.BranchSessionInput input, CancellationToken cancellationToken = default);

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

    /// <summary>Gets every agent type of the tenant's registry: the built-ins, then custom types by name.</summary>
    Task<System.Collections.Immutable.ImmutableArray<Grains.Interfaces.Registry.AgentTypeInfo>> ListAgentTypesAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>Gets the tenant's agent types that have <paramref name="capability"/>, Active first.</summary>
    Task<System.Collections.Immutable.ImmutableArray<Grains.Interfaces.Registry.AgentTypeInfo>> FindAgentTypesAsync(string tenant, string capability, CancellationToken cancellationToken = default);

    /// <summary>Gets one agent type of the tenant, or <see langword="null"/>.</summary>
    Task<Grains.Interfaces.Registry.AgentTypeInfo?> GetAgentTypeAsync(string tenant, string name, CancellationToken cancellationToken = default);

    /// <summary>Registers a custom agent type in the tenant's registry.</summary>
    /// <inheritdoc cref="Grains.Interfaces.Registry.IAgentRegistryGrain.RegisterAsync" path="/returns"/>
    Task<CommandResult<Grains.Interfaces.Registry.AgentTypeInfo>> RegisterAgentTypeAsync(string tenant, Grains.Interfaces.Registry.AgentTypeDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Replaces an agent type's definition.</summary>
    /// <inheritdoc cref="Grains.Interfaces.Registry.IAgentRegistryGrain.UpdateAsync" path="/returns"/>
    Task<CommandResult<Grains.Interfaces.Registry.AgentTypeInfo>> UpdateAgentTypeAsync(string tenant, string name, Grains.Interfaces.Registry.AgentTypeDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Unregisters a custom agent type registered over the API.</summary>
    /// <inheritdoc cref="Grains.Interfaces.Registry.IAgentRegistryGrain.UnregisterAsync" path="/returns"/>
    Task<CommandResult<Grains.Interfaces.Registry.AgentTypeInfo>> UnregisterAgentTypeAsync(string tenant, string name, CancellationToken cancellationToken = default);

    /// <summary>Cancels a request that waits in its session's queue; its workflow never starts.</summary>
    /// <inheritdoc cref="ISessionGrain.CancelQueuedRequestAsync" path="/returns"/>
    Task<CommandResult<SessionSnapshot>> CancelQueuedRequestAsync(string tenant, string sessionId, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Gets the handle-style client's sessions for the default tenant (<see cref="TDeveloperClientOptions.Tenant"/>): start one, get a handle by id, list.</summary>
    /// <remarks>The handles throw <see cref="TDeveloperException"/>s instead of returning refusals; see <see cref="TDeveloperHandles"/>.</remarks>
    SessionClient Sessions { get; }

    /// <summary>Gets the handle-style client's workflows for the default tenant (<see cref="TDeveloperClientOptions.Tenant"/>).</summary>
    WorkflowClient Workflows { get; }

    /// <summary>Gets the handle-style client of <paramref name="tenant"/>, over this facade.</summary>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is not a valid key segment.</exception>
    TDeveloperHandles ForTenant(string tenant);
}
