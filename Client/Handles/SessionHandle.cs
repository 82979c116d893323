using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Client;

/// <summary>
/// A handle of one session: submit requests, watch its events, pause, resume, end, checkpoint. Made by
/// <see cref="SessionClient.StartAsync"/> or <see cref="SessionClient.GetHandle"/>; it holds only the id, so it is cheap and stays
/// valid across reconnects.
/// </summary>
/// <remarks>
/// Every method may also throw <see cref="TDeveloperAccessDeniedException"/> (the caller's roles lack the permission),
/// <see cref="TDeveloperUnauthenticatedException"/> (remote: the credential was refused) and
/// <see cref="TDeveloperUnavailableException"/> (the cluster did not answer).
/// </remarks>
public sealed class SessionHandle
{
    /// <summary>How many times in a row <see cref="WatchAsync"/> reconnects without receiving an event before it gives up and throws.</summary>
    public const int MaxReconnectAttempts = 10;

    /// <summary>The first wait before reconnecting a dropped watch; it doubles per failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two reconnection attempts of a watch.</summary>
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private readonly ITDeveloperTransport _transport;

    internal SessionHandle(ITDeveloperTransport transport, string id, SessionSnapshot? started)
    {
        _transport = transport;
        Id = id;
        Started = started;
    }

    /// <summary>Gets the session id.</summary>
    public string Id { get; }

    /// <summary>Gets the session as <see cref="SessionClient.StartAsync"/> created it; <see langword="null"/> for a handle got by id.</summary>
    public SessionSnapshot? Started { get; }

    /// <summary>Gets the session as it is now.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    public Task<SessionSnapshot> DescribeAsync(CancellationToken cancellationToken = default) =>
        _transport.GetSessionAsync(Id, cancellationToken);

    /// <summary>
    /// Submits a development request: it is planned and its workflow started, or queued behind the session's running requests,
    /// or held for a clarification. The handle is returned in every case (<see cref="WorkflowHandle.Submitted"/> tells which);
    /// <see cref="WorkflowHandle.ResultAsync"/> waits for the end either way.
    /// </summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">The session is paused or has ended.</exception>
    /// <exception cref="TDeveloperValidationException">The request is invalid (blank text, an unknown template, a plan that does not validate).</exception>
    /// <exception cref="TDeveloperLimitReachedException">The session's queue is full (<see cref="TDeveloperLimitReachedException.RetryAfter"/> when the API names a time).</exception>
    public async Task<WorkflowHandle> SubmitAsync(SubmitRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var submitted = await _transport.SubmitRequestAsync(Id, input, cancellationToken);
        return new WorkflowHandle(_transport, submitted.WorkflowId, Id, submitted);
    }

    /// <summary>Submits a development request of plain text; see <see cref="SubmitAsync(SubmitRequestInput, CancellationToken)"/>.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">The session is paused or has ended.</exception>
    /// <exception cref="TDeveloperValidationException">The text is blank or too long.</exception>
    /// <exception cref="TDeveloperLimitReachedException">The session's queue is full.</exception>
    public Task<WorkflowHandle> SubmitAsync(string text, CancellationToken cancellationToken = default) =>
        SubmitAsync(new SubmitRequestInput { Text = text }, cancellationToken);

    /// <summary>Pauses the session.</summary>
    /// <returns>The paused session.</returns>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">The session is not active (already paused, or ended).</exception>
    public Task<SessionSnapshot> PauseAsync(CancellationToken cancellationToken = default) => _transport.PauseSessionAsync(Id, cancellationToken);

    /// <summary>Resumes the paused session.</summary>
    /// <returns>The active session.</returns>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">The session is not paused.</exception>
    public Task<SessionSnapshot> ResumeAsync(CancellationToken cancellationToken = default) => _transport.ResumeSessionAsync(Id, cancellationToken);

    /// <summary>Ends the session: completes it when its workflows have all finished, or, with <paramref name="cancelRunning"/>, cancels the running ones and ends it.</summary>
    /// <returns>The ended session.</returns>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">The session has already ended, or (without <paramref name="cancelRunning"/>) a workflow still runs.</exception>
    public Task<SessionSnapshot> EndAsync(bool cancelRunning = false, string reason = "ended through the client", CancellationToken cancellationToken = default) =>
        cancelRunning ? _transport.CancelSessionAsync(Id, reason, cancellationToken) : _transport.CompleteSessionAsync(Id, cancellationToken);

    /// <summary>Takes a checkpoint of the session now.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">The session's state does not allow a checkpoint now.</exception>
    /// <exception cref="TDeveloperValidationException">The label is invalid.</exception>
    public Task<CheckpointInfo> CheckpointAsync(string? label = null, CancellationToken cancellationToken = default) =>
        _transport.CheckpointAsync(Id, label, cancellationToken);

    /// <summary>Gets the session's kept checkpoints, newest first.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    public Task<ImmutableArray<CheckpointInfo>> ListCheckpointsAsync(CancellationToken cancellationToken = default) =>
        _transport.ListCheckpointsAsync(Id, cancellationToken);

    /// <summary>Gets the statistics of the agents that worked on the session.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    public Task<ImmutableArray<AgentSnapshot>> GetAgentsAsync(CancellationToken cancellationToken = default) =>
        _transport.GetAgentsAsync(Id, cancellationToken);

    /// <summary>Gets the tokens and cost of the session's steps: in total, per model and per workflow.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    public Task<UsageBreakdown> GetUsageAsync(CancellationToken cancellationToken = default) =>
        _transport.GetSessionUsageAsync(Id, cancellationToken);

    /// <summary>Gets the files the session's agents wrote.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    public Task<ImmutableArray<WorkspaceFile>> ListFilesAsync(CancellationToken cancellationToken = default) =>
        _transport.ListWorkspaceAsync(Id, cancellationToken);

    /// <summary>Gets the session's whole workspace as a zip archive.</summary>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist.</exception>
    public Task<byte[]> DownloadWorkspaceZipAsync(CancellationToken cancellationToken = default) =>
        _transport.GetWorkspaceZipAsync(Id, cancellationToken);

    /// <summary>
    /// Watches the session: its logged events after <paramref name="afterSequence"/> (0: from the start of what the log keeps),
    /// then every new one, until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <remarks>
    /// Each logged event comes once and in <see cref="SessionEvent.Sequence"/> order, also across dropped connections: the watch
    /// reconnects by itself (after <see cref="FirstReconnectDelay"/>, doubling up to <see cref="MaxReconnectDelay"/>) and reads the
    /// log again from the last sequence it handed out, so nothing is missed or repeated. Live-only events
    /// (<see cref="SessionEvent.IsLiveOnly"/>, such as streamed step output) are not logged and are lost while disconnected.
    /// To resume in another process, keep the last <see cref="SessionEvent.Sequence"/> and pass it as <paramref name="afterSequence"/>.
    /// </remarks>
    /// <exception cref="TDeveloperNotFoundException">The session does not exist (thrown on the first move).</exception>
    /// <exception cref="TDeveloperUnavailableException">The connection failed <see cref="MaxReconnectAttempts"/> times in a row.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async IAsyncEnumerable<SessionEvent> WatchAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        var seen = afterSequence;
        var failures = 0;
        while (true)
        {
            Exception? dropped = null;
            var events = _transport.WatchAsync(Id, seen, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    SessionEvent next;
                    try
                    {
                        if (!await events.MoveNextAsync()) break;
                        next = events.Current;
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested && _transport.IsTransient(exception))
                    {
                        dropped = exception;
                        break;
                    }

                    if (!next.IsLiveOnly)
                    {
                        if (next.Sequence <= seen) continue; // a transport that replays more than asked: never hand out twice
                        seen = next.Sequence;
                    }

                    failures = 0;
                    yield return next;
                }
            }
            finally
            {
                await DisposeQuietlyAsync(events);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (++failures > MaxReconnectAttempts)
                throw dropped as TDeveloperUnavailableException ?? new TDeveloperUnavailableException($"The watch of session '{Id}' dropped {MaxReconnectAttempts} times in a row.", dropped ?? new EndOfStreamException());
            await Task.Delay(ReconnectDelay(failures), cancellationToken);
        }
    }

    internal static TimeSpan ReconnectDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxReconnectDelay.Ticks, FirstReconnectDelay.Ticks << Math.Min(failures - 1, 16)));

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<SessionEvent> events)
    {
        try
        {
            await events.DisposeAsync();
        }
        catch (Exception)
        {
            // the connection is already gone; nothing to release
        }
    }
}
