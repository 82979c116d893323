using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Client;

/// <summary>The <see cref="ITDeveloperTransport"/> of one tenant over the Orleans facade (<see cref="ITDeveloperClient"/>): in a silo or an external Orleans client.</summary>
/// <remarks>Calls carry no caller (<see cref="Grains.Interfaces.Security.CallerContext"/>) unless the host set one: an embedded client is trusted like the system within its tenant.</remarks>
internal sealed class EmbeddedTransport(ITDeveloperClient client, string tenant) : ITDeveloperTransport
{
    public Task<SessionSnapshot> CreateSessionAsync(CreateSessionInput input, CancellationToken cancellationToken) =>
        Command(() => client.CreateSessionAsync(tenant, input, cancellationToken));

    public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken) =>
        Command(() => client.ListSessionsAsync(tenant, query, cancellationToken));

    public Task<SessionSnapshot> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Read(() => client.GetSessionAsync(tenant, sessionId, cancellationToken), "Session", sessionId);

    public Task<SubmittedRequest> SubmitRequestAsync(string sessionId, SubmitRequestInput input, CancellationToken cancellationToken) =>
        Command(() => client.SubmitRequestAsync(tenant, sessionId, input, cancellationToken));

    public Task<SessionSnapshot> PauseSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Command(() => client.PauseSessionAsync(tenant, sessionId, cancellationToken));

    public Task<SessionSnapshot> ResumeSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Command(() => client.ResumeSessionAsync(tenant, sessionId, cancellationToken));

    public Task<SessionSnapshot> CompleteSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Command(() => client.CompleteSessionAsync(tenant, sessionId, cancellationToken));

    public Task<SessionSnapshot> CancelSessionAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        Command(() => client.CancelSessionAsync(tenant, sessionId, reason, cancellationToken));

    public Task<SessionSnapshot> CancelQueuedRequestAsync(string sessionId, string workflowId, CancellationToken cancellationToken) =>
        Command(() => client.CancelQueuedRequestAsync(tenant, sessionId, workflowId, cancellationToken));

    public Task<WorkflowSnapshot> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken) =>
        Read(() => client.GetWorkflowAsync(tenant, workflowId, cancellationToken), "Workflow", workflowId);

    public Task<WorkflowSnapshot> DecideAsync(string workflowId, ApprovalDecision decision, CancellationToken cancellationToken) =>
        Command(() => client.DecideAsync(tenant, workflowId, decision, cancellationToken));

    public Task<WorkflowSnapshot> CancelWorkflowAsync(string workflowId, string reason, CancellationToken cancellationToken) =>
        Command(() => client.CancelWorkflowAsync(tenant, workflowId, reason, cancellationToken));

    public Task<CheckpointInfo> CheckpointAsync(string sessionId, string? label, CancellationToken cancellationToken) =>
        Command(() => client.CheckpointSessionAsync(tenant, sessionId, label, cancellationToken));

    public async Task<ImmutableArray<CheckpointInfo>> ListCheckpointsAsync(string sessionId, CancellationToken cancellationToken) =>
        await Guard(() => client.ListCheckpointsAsync(tenant, sessionId, cancellationToken)) ?? throw Missing("Session", sessionId);

    public async Task<ImmutableArray<AgentSnapshot>> GetAgentsAsync(string sessionId, CancellationToken cancellationToken) =>
        await Guard(() => client.GetAgentsAsync(tenant, sessionId, cancellationToken)) ?? throw Missing("Session", sessionId);

    public Task<UsageBreakdown> GetSessionUsageAsync(string sessionId, CancellationToken cancellationToken) =>
        Read(() => client.GetSessionUsageAsync(tenant, sessionId, cancellationToken), "Session", sessionId);

    public async Task<ImmutableArray<WorkspaceFile>> ListWorkspaceAsync(string sessionId, CancellationToken cancellationToken) =>
        await Guard(() => client.ListWorkspaceAsync(tenant, sessionId, cancellationToken)) ?? throw Missing("Session", sessionId);

    public Task<byte[]> GetWorkspaceZipAsync(string sessionId, CancellationToken cancellationToken) =>
        Read(() => client.GetWorkspaceZipAsync(tenant, sessionId, cancellationToken), "Session", sessionId);

    public async IAsyncEnumerable<SessionEvent> WatchAsync(string sessionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<SessionEvent> events;
        try
        {
            events = client.WatchSessionAsync(tenant, sessionId, afterSequence, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception exception) when (CommandResultErrors.Translate(exception) is { } translated)
        {
            throw translated;
        }

        await using (events)
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync()) yield break;
                }
                catch (Exception exception) when (CommandResultErrors.Translate(exception) is { } translated)
                {
                    throw translated;
                }

                yield return events.Current;
            }
        }
    }

    public bool IsTransient(Exception exception) => exception is TDeveloperUnavailableException;

    private static TDeveloperNotFoundException Missing(string what, string id) => new($"{what} '{id}' does not exist.");

    private static async Task<T> Command<T>(Func<Task<CommandResult<T>>> call) where T : class =>
        (await Guard(call)).ValueOrThrow();

    private static async Task<T> Read<T>(Func<Task<T?>> call, string what, string id) where T : class =>
        await Guard(call) ?? throw Missing(what, id);

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (CommandResultErrors.Translate(exception) is { } translated)
        {
            throw translated;
        }
    }
}
