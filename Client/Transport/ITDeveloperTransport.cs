using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Client;

/// <summary>
/// The seam under the handles (<see cref="SessionHandle"/>, <see cref="WorkflowHandle"/>): one tenant's calls to the system,
/// each answering the entity or throwing a <see cref="TDeveloperException"/>. Built in: embedded over the Orleans facade
/// (<see cref="ITDeveloperClient.ForTenant"/>) and remote over the HTTP API (<c>AddTDeveloperRemoteClient</c>); a gRPC
/// transport plugs in here too (<see cref="TDeveloperHandles(ITDeveloperTransport)"/>).
/// </summary>
/// <remarks>
/// The tenant is the transport's: embedded, the one it was made for; remote, the credential's. Every method throws
/// <see cref="TDeveloperNotFoundException"/>, <see cref="TDeveloperConflictException"/>, <see cref="TDeveloperValidationException"/>,
/// <see cref="TDeveloperLimitReachedException"/>, <see cref="TDeveloperAccessDeniedException"/>,
/// <see cref="TDeveloperUnauthenticatedException"/> or <see cref="TDeveloperUnavailableException"/> rather than return a refusal.
/// </remarks>
public interface ITDeveloperTransport
{
    /// <summary>Creates a session with a new id.</summary>
    Task<SessionSnapshot> CreateSessionAsync(CreateSessionInput input, CancellationToken cancellationToken);

    /// <summary>Gets a page of sessions.</summary>
    Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken);

    /// <summary>Gets a session.</summary>
    Task<SessionSnapshot> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Submits a request to a session.</summary>
    Task<SubmittedRequest> SubmitRequestAsync(string sessionId, SubmitRequestInput input, CancellationToken cancellationToken);

    /// <summary>Pauses a session.</summary>
    Task<SessionSnapshot> PauseSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Resumes a session.</summary>
    Task<SessionSnapshot> ResumeSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Ends a session whose workflows have all finished.</summary>
    Task<SessionSnapshot> CompleteSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Cancels a session's running workflows and ends it.</summary>
    Task<SessionSnapshot> CancelSessionAsync(string sessionId, string reason, CancellationToken cancellationToken);

    /// <summary>Cancels a request that waits in its session's queue.</summary>
    Task<SessionSnapshot> CancelQueuedRequestAsync(string sessionId, string workflowId, CancellationToken cancellationToken);

    /// <summary>Gets a workflow (one that has started).</summary>
    Task<WorkflowSnapshot> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken);

    /// <summary>Approves or rejects an approval step.</summary>
    Task<WorkflowSnapshot> DecideAsync(string workflowId, ApprovalDecision decision, CancellationToken cancellationToken);

    /// <summary>Cancels a running workflow.</summary>
    Task<WorkflowSnapshot> CancelWorkflowAsync(string workflowId, string reason, CancellationToken cancellationToken);

    /// <summary>Takes a checkpoint of a session.</summary>
    Task<CheckpointInfo> CheckpointAsync(string sessionId, string? label, CancellationToken cancellationToken);

    /// <summary>Gets a session's kept checkpoints, newest first.</summary>
    Task<ImmutableArray<CheckpointInfo>> ListCheckpointsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Gets the statistics of the agents that worked on a session.</summary>
    Task<ImmutableArray<AgentSnapshot>> GetAgentsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Gets the tokens and cost of a session's steps: in total, per model and per workflow.</summary>
    /// <remarks>Both built-in transports implement it; the default throws <see cref="NotSupportedException"/> for a transport that does not.</remarks>
    Task<UsageBreakdown> GetSessionUsageAsync(string sessionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not read session usage.");

    /// <summary>Gets the files a session's agents wrote (path, size, hash, when and by which step attempt).</summary>
    /// <remarks>Both built-in transports implement it; the default throws <see cref="NotSupportedException"/> for a transport that does not.</remarks>
    Task<ImmutableArray<WorkspaceFile>> ListWorkspaceAsync(string sessionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not list workspaces.");

    /// <summary>Gets a session's whole workspace as a zip archive.</summary>
    /// <remarks>Both built-in transports implement it; the default throws <see cref="NotSupportedException"/> for a transport that does not.</remarks>
    Task<byte[]> GetWorkspaceZipAsync(string sessionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not download workspaces.");

    /// <summary>
    /// Opens one watch of a session: its logged events after <paramref name="afterSequence"/>, then the live ones, in order. It may
    /// end or throw when the connection drops; <see cref="SessionHandle.WatchAsync"/> reconnects from the last sequence seen.
    /// </summary>
    IAsyncEnumerable<SessionEvent> WatchAsync(string sessionId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>Gets whether <paramref name="exception"/>, thrown while watching, is a dropped connection worth reconnecting after.</summary>
    bool IsTransient(Exception exception);
}
