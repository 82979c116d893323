using System.Runtime.CompilerServices;
using System.Threading.Channels;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Client;

/// <summary>The <see cref="ITDeveloperClient"/> over an Orleans <see cref="IClusterClient"/>.</summary>
/// <param name="clusterClient">The cluster client: the external client, or the silo's own.</param>
/// <param name="logger">The logger.</param>
/// <param name="options">The client options: the handle-style client's default tenant (<see cref="TDeveloperClientOptions.Tenant"/>).</param>
public sealed partial class TDeveloperClient(IClusterClient clusterClient, ILogger<TDeveloperClient> logger, Microsoft.Extensions.Options.IOptions<TDeveloperClientOptions>? options = null)
    : ITDeveloperClient
{
    /// <summary>How many live events a watcher may fall behind before it is stopped.</summary>
    public const int WatchBufferCapacity = 1024;

    /// <summary>How many logged events one replay read fetches.</summary>
    public const int ReplayPageSize = 200;

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> CreateSessionAsync(string tenant, CreateSessionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Session(tenant, GrainKeys.NewSessionId()).CreateAsync(input).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<SessionPage>> ListSessionsAsync(string tenant, SessionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!GrainKeys.IsValidSegment(tenant)) throw new ArgumentException($"'{tenant}' is not a valid tenant id.", nameof(tenant));
        return clusterClient.GetGrain<ISessionIndexGrain>(tenant).ListAsync(query).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionSnapshot?> GetSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult<SubmittedRequest>> SubmitRequestAsync(string tenant, string sessionId, SubmitRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Session(tenant, sessionId).SubmitRequestAsync(input).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<SubmittedRequest>> AnswerClarificationAsync(string tenant, string sessionId, string clarificationId, ClarificationAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Session(tenant, sessionId).AnswerClarificationAsync(clarificationId, answer).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> PauseSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).PauseAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> ResumeSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).ResumeAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> CancelSessionAsync(string tenant, string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Session(tenant, sessionId).CancelAsync(reason).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> CompleteSessionAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).CompleteAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowSnapshot?> GetWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default) =>
        Workflow(tenant, workflowId).GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult<WorkflowSnapshot>> CancelWorkflowAsync(string tenant, string workflowId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Workflow(tenant, workflowId).CancelAsync(reason).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<System.Collections.Immutable.ImmutableArray<AgentSnapshot>?> GetAgentsAsync(string tenant, string sessionId, CancellationToken cancellationToken = default)
    {
        if (await GetSessionAsync(tenant, sessionId, cancellationToken) is not { } session) return null;
        var workflows = await Task.WhenAll(session.Requests.Select(r => GetWorkflowAsync(tenant, r.WorkflowId, cancellationToken)));
        var sessionKey = GrainKeys.Session(tenant, sessionId);
        var agents = workflows.OfType<WorkflowSnapshot>().SelectMany(w => w.Steps).Where(s => s.Kind == StepKind.Agent).Select(s => s.Instance ?? s.Agent).Distinct().Order();
        return [.. await Task.WhenAll(agents.Select(agent => clusterClient.GetGrain<IAgentGrain>(GrainKeys.Agent(sessionKey, agent)).GetAsync().WaitAsync(cancellationToken)))];
    }

    /// <inheritdoc />
    public Task<UsageBreakdown?> GetSessionUsageAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).GetUsageAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<Grains.Interfaces.Memory.MemorySearchResult?> SearchSessionMemoryAsync(string tenant, string sessionId, Grains.Interfaces.Memory.MemorySearchInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await GetSessionAsync(tenant, sessionId, cancellationToken) is null) return null;
        return await clusterClient.GetGrain<Grains.Interfaces.Memory.ISessionMemoryGrain>(GrainKeys.Session(tenant, sessionId)).SearchAsync(input).WaitAsync(cancellationToken);
    }

    public Task<Grains.Interfaces.Sessions.Reports.SessionReport?> GetSessionReportAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        Session(tenant, sessionId).GetReportAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<UsageBreakdown> GetTenantUsageAsync(string tenant, CancellationToken cancellationToken = default) =>
        clusterClient.GetGrain<ITenantUsageGrain>(tenant).GetAsync().WaitAsync(cancellationToken);

    public Task<CommandResult<WorkflowSnapshot>> PauseWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default) =>
        Workflow(tenant, workflowId).PauseAsync().WaitAsync(cancellationToken);

    public Task<CommandResult<WorkflowSnapshot>> ResumeWorkflowAsync(string tenant, string workflowId, CancellationToken cancellationToken = default) =>
        Workflow(tenant, workflowId).ResumeAsync().WaitAsync(cancellationToken);

    public Task<CommandResult<WorkflowSnapshot>> DecideAsync(string tenant, string workflowId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Workflow(tenant, workflowId).DecideAsync(decision).WaitAsync(cancellationToken);
    }

    public Task<System.Collections.Immutable.ImmutableArray<PlanTemplate>> ListTemplatesAsync(CancellationToken cancellationToken = default) =>
        clusterClient.GetGrain<ISupervisorGrain>(0).ListTemplatesAsync().WaitAsync(cancellationToken);

    public Task<PlanTemplate?> GetTemplateAsync(string name, CancellationToken cancellationToken = default) =>
        clusterClient.GetGrain<ISupervisorGrain>(0).GetTemplateAsync(name).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<System.Collections.Immutable.ImmutableArray<WorkspaceFile>?> ListWorkspaceAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        await GetSessionAsync(tenant, sessionId, cancellationToken) is null ? null : await Workspace(tenant, sessionId).ListAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<WorkspaceFileContent?> ReadWorkspaceFileAsync(string tenant, string sessionId, string path, CancellationToken cancellationToken = default)
    {
        var normalized = WorkspacePath.Normalize(path);
        return await GetSessionAsync(tenant, sessionId, cancellationToken) is null ? null : await Workspace(tenant, sessionId).ReadAsync(normalized).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetWorkspaceZipAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        await GetSessionAsync(tenant, sessionId, cancellationToken) is null ? null : await Workspace(tenant, sessionId).ZipAsync().WaitAsync(cancellationToken);

    public IAsyncEnumerable<SessionEvent> WatchSessionAsync(string tenant, string sessionId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        WatchAsync(tenant, GrainKeys.Session(tenant, sessionId), afterSequence, cancellationToken);

    private async IAsyncEnumerable<SessionEvent> WatchAsync(string tenant, string sessionKey, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(WatchBufferCapacity) { SingleReader = true });
        var stream = clusterClient.GetStreamProvider(SessionEventStream.ProviderName)
            .GetStream<SessionEvent>(SessionEventStream.For(sessionKey));
        var subscription = await stream.SubscribeAsync(new SessionEventObserver(sessionKey, events.Writer)).WaitAsync(cancellationToken);
        try
        {
            var sessionId = GrainKeys.LocalIdOf(sessionKey);
            _ = await GetSessionAsync(tenant, sessionId, cancellationToken) ?? throw new KeyNotFoundException($"Session '{sessionId}' does not exist.");

            // Replay what the log holds after the caller's position, then follow the live stream. Sequence
            // numbers drop what the stream delivers again, and a gap (an event published late or lost on the
            // stream) is filled from the log, so the caller gets every event once and in order.
            var log = clusterClient.GetGrain<ISessionEventLogGrain>(sessionKey);
            var seen = afterSequence;
            await foreach (var logged in ReadLogAsync(log, seen, long.MaxValue, cancellationToken))
            {
                seen = logged.Sequence;
                yield return logged;
            }

            await foreach (var liveEvent in events.Reader.ReadAllAsync(cancellationToken))
            {
                if (liveEvent.IsLiveOnly)
                {
                    yield return liveEvent;
                    continue;
                }

                if (liveEvent.Sequence <= seen) continue;
                if (liveEvent.Sequence > seen + 1)
                {
                    await foreach (var missed in ReadLogAsync(log, seen, liveEvent.Sequence - 1, cancellationToken))
                    {
                        seen = missed.Sequence;
                        yield return missed;
                    }
                }

                seen = liveEvent.Sequence;
                yield return liveEvent;
            }
        }
        finally
        {
            await UnsubscribeAsync(subscription, sessionKey);
        }
    }

    private static async IAsyncEnumerable<SessionEvent> ReadLogAsync(ISessionEventLogGrain log, long after, long through, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (after < through)
        {
            var page = await log.ReadAsync(after, ReplayPageSize).WaitAsync(cancellationToken);
            foreach (var logged in page.Events.TakeWhile(e => e.Sequence <= through))
            {
                after = logged.Sequence;
                yield return logged;
            }

            if (page.Events.Length < ReplayPageSize) yield break;
        }
    }

    private async Task UnsubscribeAsync(Orleans.Streams.StreamSubscriptionHandle<SessionEvent> subscription, string sessionKey)
    {
        try
        {
            await subscription.UnsubscribeAsync();
        }
        catch (Exception exception)
        {
            // A failure here must not hide why the watch ended; the subscription expires with the client.
            LogUnsubscribeFailed(logger, exception, sessionKey);
        }
    }

    private ISessionGrain Session(string tenant, string sessionId) =>
        clusterClient.GetGrain<ISessionGrain>(GrainKeys.Session(tenant, sessionId));

    private IWorkspaceGrain Workspace(string tenant, string sessionId) =>
        clusterClient.GetGrain<IWorkspaceGrain>(GrainKeys.Session(tenant, sessionId));

    /// <inheritdoc />
    public Task<CommandResult<SessionSnapshot>> CancelQueuedRequestAsync(string tenant, string sessionId, string workflowId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowId);
        return Session(tenant, sessionId).CancelQueuedRequestAsync(workflowId).WaitAsync(cancellationToken);
    }

    private IWorkflowGrain Workflow(string tenant, string workflowId) =>
        clusterClient.GetGrain<IWorkflowGrain>(GrainKeys.Workflow(tenant, workflowId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unsubscribe the watcher of session {SessionKey}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string sessionKey);
}
