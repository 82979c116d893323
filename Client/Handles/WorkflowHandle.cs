using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>
/// A handle of one workflow (one submitted request): describe it, approve or reject its approval step, cancel it, wait for its
/// result. Made by <see cref="SessionHandle.SubmitAsync(SubmitRequestInput, CancellationToken)"/> or <see cref="WorkflowClient.GetHandle"/>.
/// </summary>
/// <remarks>
/// Every method may also throw <see cref="TDeveloperAccessDeniedException"/>, <see cref="TDeveloperUnauthenticatedException"/>
/// (remote) and <see cref="TDeveloperUnavailableException"/>.
/// </remarks>
public sealed class WorkflowHandle
{
    private readonly ITDeveloperTransport _transport;
    private string? _sessionId;

    internal WorkflowHandle(ITDeveloperTransport transport, string id, string? sessionId, SubmittedRequest? submitted)
    {
        _transport = transport;
        Id = id;
        _sessionId = sessionId;
        Submitted = submitted;
    }

    /// <summary>Gets the workflow id.</summary>
    public string Id { get; }

    /// <summary>Gets its session's id, when the handle knows it (always for a handle from <see cref="SessionHandle.SubmitAsync(SubmitRequestInput, CancellationToken)"/>).</summary>
    public string? SessionId => _sessionId;

    /// <summary>
    /// Gets what submitting answered: the plan, the status (<see cref="WorkflowStatus.Running"/> or <see cref="WorkflowStatus.Queued"/>
    /// with its queue position) or the clarification asked; <see langword="null"/> for a handle got by id.
    /// </summary>
    public SubmittedRequest? Submitted { get; }

    /// <summary>Gets the workflow and its steps as they are now; a request still waiting in its session's queue is described with <see cref="WorkflowStatus.Queued"/> and no steps.</summary>
    /// <exception cref="TDeveloperNotFoundException">The workflow does not exist (never submitted, or another tenant's).</exception>
    public async Task<WorkflowSnapshot> DescribeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var workflow = await _transport.GetWorkflowAsync(Id, cancellationToken);
            _sessionId ??= workflow.SessionId;
            return workflow;
        }
        catch (TDeveloperNotFoundException) when (_sessionId is not null)
        {
            return await DescribeQueuedAsync(_sessionId, cancellationToken);
        }
    }

    /// <summary>Approves the approval step that waits for a decision.</summary>
    /// <param name="stepId">The step; the one step that waits for approval when <see langword="null"/>.</param>
    /// <param name="comment">The reviewer's comment.</param>
    /// <param name="decidedBy">Who decides (remote, the API records the caller too).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The workflow after the decision.</returns>
    /// <exception cref="TDeveloperNotFoundException">The workflow or the step does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">No step (or not <paramref name="stepId"/>) waits for a decision, or several do and none was named.</exception>
    /// <exception cref="TDeveloperValidationException">The comment is too long.</exception>
    public Task<WorkflowSnapshot> ApproveAsync(string? stepId = null, string? comment = null, string? decidedBy = null, CancellationToken cancellationToken = default) =>
        DecideAsync(true, stepId, comment, decidedBy, cancellationToken);

    /// <summary>Rejects the approval step that waits for a decision; the workflow then fails (and compensates when its plan says so).</summary>
    /// <param name="stepId">The step; the one step that waits for approval when <see langword="null"/>.</param>
    /// <param name="comment">The reviewer's comment.</param>
    /// <param name="decidedBy">Who decides.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The workflow after the decision.</returns>
    /// <exception cref="TDeveloperNotFoundException">The workflow or the step does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">No step (or not <paramref name="stepId"/>) waits for a decision, or several do and none was named.</exception>
    /// <exception cref="TDeveloperValidationException">The comment is too long.</exception>
    public Task<WorkflowSnapshot> RejectAsync(string? stepId = null, string? comment = null, string? decidedBy = null, CancellationToken cancellationToken = default) =>
        DecideAsync(false, stepId, comment, decidedBy, cancellationToken);

    /// <summary>Cancels the workflow: a running one stops (its running steps' results are ignored), a queued request leaves the queue and never starts; a finished one is returned unchanged.</summary>
    /// <returns>The workflow after the command.</returns>
    /// <exception cref="TDeveloperNotFoundException">The workflow does not exist.</exception>
    /// <exception cref="TDeveloperConflictException">A queued request could not be taken out of its queue any more (it has just started: cancel again).</exception>
    public async Task<WorkflowSnapshot> CancelAsync(string reason = "cancelled through the client", CancellationToken cancellationToken = default)
    {
        try
        {
            return await _transport.CancelWorkflowAsync(Id, reason, cancellationToken);
        }
        catch (TDeveloperNotFoundException) when (_sessionId is not null)
        {
            await _transport.CancelQueuedRequestAsync(_sessionId, Id, cancellationToken);
            return await DescribeAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the workflow ends and returns it completed. It waits on its session's event stream (no polling): it returns as
    /// soon as the session announces the workflow's end, then reads the committed workflow.
    /// </summary>
    /// <returns>The completed workflow, with every step's output.</returns>
    /// <exception cref="WorkflowCancelledException">The workflow was cancelled.</exception>
    /// <exception cref="WorkflowFailedException">The workflow failed, or failed and was compensated (<see cref="WorkflowFailedException.Workflow"/> tells which).</exception>
    /// <exception cref="TDeveloperNotFoundException">The workflow does not exist.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the workflow goes on).</exception>
    public async Task<WorkflowSnapshot> ResultAsync(CancellationToken cancellationToken = default)
    {
        var workflow = await DescribeAsync(cancellationToken);
        if (IsEnded(workflow.Status)) return Outcome(workflow);

        var sessionId = _sessionId ?? workflow.SessionId;
        await foreach (var e in new SessionHandle(_transport, sessionId, null).WatchAsync(0, cancellationToken))
        {
            if (e.WorkflowId == Id && e.Kind is SessionEventKind.WorkflowCompleted or SessionEventKind.WorkflowFailed or SessionEventKind.WorkflowCancelled or SessionEventKind.WorkflowCompensated)
                break;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Outcome(await DescribeAsync(cancellationToken));
    }

    private static bool IsEnded(WorkflowStatus status) =>
        status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled or WorkflowStatus.Compensated;

    private static WorkflowSnapshot Outcome(WorkflowSnapshot workflow) => workflow.Status switch
    {
        WorkflowStatus.Completed => workflow,
        WorkflowStatus.Cancelled => throw new WorkflowCancelledException(workflow),
        _ => throw new WorkflowFailedException(workflow),
    };

    private async Task<WorkflowSnapshot> DecideAsync(bool approved, string? stepId, string? comment, string? decidedBy, CancellationToken cancellationToken)
    {
        if (stepId is null)
        {
            var waiting = (await DescribeAsync(cancellationToken)).Steps.Where(s => s.Status == StepStatus.AwaitingApproval).Select(s => s.Id).ToList();
            stepId = waiting.Count switch
            {
                1 => waiting[0],
                0 => throw new TDeveloperConflictException($"No step of workflow '{Id}' waits for approval."),
                _ => throw new TDeveloperConflictException($"Steps {string.Join(", ", waiting)} of workflow '{Id}' wait for approval; name one."),
            };
        }

        var decision = new ApprovalDecision { StepId = stepId, Approved = approved, Comment = comment, DecidedBy = decidedBy ?? "client" };
        return await _transport.DecideAsync(Id, decision, cancellationToken);
    }

    private async Task<WorkflowSnapshot> DescribeQueuedAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await _transport.GetSessionAsync(sessionId, cancellationToken);
        var request = session.Requests.FirstOrDefault(r => r.WorkflowId == Id)
            ?? throw new TDeveloperNotFoundException($"Workflow '{Id}' does not exist.");
        return new WorkflowSnapshot { Id = Id, SessionId = sessionId, RequestText = request.Text, Status = request.Status, CreatedAt = request.SubmittedAt };
    }
}
