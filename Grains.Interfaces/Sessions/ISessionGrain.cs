using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>
/// A user's working session, keyed <c>{tenant}/{sessionId}</c>: it owns the workflows of its
/// requests, keeps a heartbeat, checkpoints itself and ends after its maximum lifetime.
/// </summary>
/// <remarks>
/// Every command returns a <see cref="CommandResult{T}"/>. A refusal changes nothing; unless a
/// method says otherwise, its <see cref="CommandResult{T}.Value"/> is the session as it is
/// (<see langword="null"/> when it does not exist).
/// </remarks>
[TenantScoped("sessions/{0}")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the new session; refused with <see cref="CommandOutcome.Conflict"/>
    /// when it already exists.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SessionSnapshot>> CreateAsync(CreateSessionInput input);

    /// <summary>Gets the session, or <see langword="null"/> when it was never created.</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<SessionSnapshot?> GetAsync();

    /// <summary>Has the supervisor plan a request (or takes the plan it carries) and starts the workflow that carries it out.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the workflow's id and the plan. Refused, with no value, with
    /// <see cref="CommandOutcome.Invalid"/> when the text is blank or longer than
    /// <see cref="SubmitRequestInput.MaxTextLength"/>, the template is unknown or the plan is invalid (every
    /// problem listed); with <see cref="CommandOutcome.NotFound"/> when the session does not exist; with
    /// <see cref="CommandOutcome.Conflict"/> when it is paused or resuming, has ended or is ending, has reached its
    /// maximum lifetime, or already runs its maximum number of requests.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SubmittedRequest>> SubmitRequestAsync(SubmitRequestInput input);

    /// <summary>Pauses an active session: it accepts no new requests until resumed.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the paused session; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it does not exist, with <see cref="CommandOutcome.Conflict"/> when it is not active.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SessionSnapshot>> PauseAsync();

    /// <summary>Resumes a paused session.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the active session; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it does not exist, with <see cref="CommandOutcome.Conflict"/> when it is not paused.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SessionSnapshot>> ResumeAsync();

    /// <summary>Cancels the running workflows of the session and ends it.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the ended session; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it does not exist, with <see cref="CommandOutcome.Conflict"/> when it has already ended.
    /// </returns>
    [RequiresPermission(Permissions.SessionsCancel)]
    Task<CommandResult<SessionSnapshot>> CancelAsync(string reason);

    /// <summary>Ends a session whose workflows have all finished.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the ended session; refused with <see cref="CommandOutcome.NotFound"/>
    /// when it does not exist, with <see cref="CommandOutcome.Conflict"/> when it has already ended or a request
    /// is still running.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SessionSnapshot>> CompleteAsync();

    /// <summary>Gets the tokens and cost of every step of the session's workflows, per model and per workflow; <see langword="null"/> if the session does not exist.</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<Models.UsageBreakdown?> GetUsageAsync();

    /// <summary>Takes a checkpoint now (kind <see cref="Checkpoints.CheckpointKind.Manual"/>) with an optional label.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the new checkpoint's metadata; refused with <see cref="CommandOutcome.NotFound"/>
    /// when the session does not exist, with <see cref="CommandOutcome.Conflict"/> when it has ended.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<Checkpoints.CheckpointInfo>> CheckpointAsync(string? label);

    /// <summary>Lists the session's kept checkpoints, newest first (empty when it does not exist).</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<System.Collections.Immutable.ImmutableArray<Checkpoints.CheckpointInfo>> ListCheckpointsAsync();

    /// <summary>Restores one of the session's kept checkpoints as a new session (a branch); this session is unchanged.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the new session; refused with <see cref="CommandOutcome.NotFound"/> when this
    /// session or the checkpoint does not exist, with <see cref="CommandOutcome.Conflict"/> when the new id is taken, with
    /// <see cref="CommandOutcome.Invalid"/> when the checkpoint fails its hash or decryption check, with
    /// <see cref="CommandOutcome.LimitReached"/> when the concurrent-session limits are reached.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SessionSnapshot>> BranchAsync(Checkpoints.BranchSessionInput input);

    /// <summary>Restores the session's agents' memory and state and its shared memory from its latest valid checkpoint, skipping corrupt ones with a warning.</summary>
    [SystemOnly]
    Task<Checkpoints.RecoveryResult> RecoverAsync();

    /// <summary>Gets the session's report: timeline, its workflows' steps, totals (tokens, cost, errors, duration, memory), checkpoints and current alerts; <see langword="null"/> if the session does not exist.</summary>
    [RequiresPermission(Permissions.SessionsRead)]
    Task<Reports.SessionReport?> GetReportAsync();

    /// <summary>Cancels a request that waits in the session's queue: it leaves the queue and is marked cancelled; its workflow never starts.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the session; refused with <see cref="CommandOutcome.NotFound"/> when the session or
    /// the request does not exist, with <see cref="CommandOutcome.Conflict"/> when the request is no longer queued (cancel its workflow instead).
    /// </returns>
    [RequiresPermission(Permissions.SessionsCancel)]
    Task<CommandResult<SessionSnapshot>> CancelQueuedRequestAsync(string workflowId);

    /// <summary>Answers a pending clarification: decides the waiting request again with the answer and starts its workflow.</summary>
    /// <returns>
    /// <see cref="CommandOutcome.Ok"/> with the workflow's id and the plan; refused with <see cref="CommandOutcome.NotFound"/> when the
    /// session or the clarification does not exist, with <see cref="CommandOutcome.Conflict"/> when it was already answered or the session
    /// accepts no requests now, with <see cref="CommandOutcome.Invalid"/> when the answer is empty or names an unknown agent type.
    /// </returns>
    [RequiresPermission(Permissions.SessionsWrite)]
    Task<CommandResult<SubmittedRequest>> AnswerClarificationAsync(string clarificationId, ClarificationAnswer answer);
}
