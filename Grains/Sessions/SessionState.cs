using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Sessions;

/// <summary>The persisted state of a session.</summary>
[GenerateSerializer, Alias("TDeveloper.SessionState")]
public sealed class SessionState
{
    /// <summary>Gets or sets the lifecycle state.</summary>
    [Id(0)] public SessionStatus Status { get; set; }

    /// <summary>Gets or sets the owner.</summary>
    [Id(1)] public string Owner { get; set; } = "";

    /// <summary>Gets or sets the title.</summary>
    [Id(2)] public string? Title { get; set; }

    /// <summary>Gets or sets when the session was created.</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the session expires.</summary>
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Gets or sets when the last checkpoint was written.</summary>
    [Id(5)] public DateTimeOffset? LastCheckpointAt { get; set; }

    /// <summary>Gets or sets how many checkpoints were written.</summary>
    [Id(6)] public int CheckpointCount { get; set; }

    /// <summary>Gets or sets why the session ended.</summary>
    [Id(7)] public string? EndReason { get; set; }

    /// <summary>Gets or sets the requests, oldest first.</summary>
    [Id(8)] public List<RequestRecord> Requests { get; set; } = [];

    /// <summary>Gets or sets the session's events written with its state and not yet known to be in its event log (the outbox).</summary>
    [Id(9)] public List<SessionEvent> Outbox { get; set; } = [];

    /// <summary>Gets or sets the outbox sequence through which the event log acknowledged the session's events.</summary>
    [Id(10)] public long OutboxDeliveredThrough { get; set; }

    /// <summary>Gets or sets the status the tenant's session index last acknowledged; while it differs from <see cref="Status"/>, the session reports again.</summary>
    [Id(11)] public SessionStatus IndexedStatus { get; set; }

    /// <summary>Gets or sets when the session was last used (created, a request submitted or finished, paused or resumed): the idle timeout counts from it.</summary>
    [Id(12)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Gets or sets whether the last write was the one of a clean deactivation: a live session that activates with it false crashed (and queues its recovery).</summary>
    [Id(30)] public bool CleanShutdown { get; set; }

    /// <summary>Gets or sets the id (without tenant) of the session this one was branched from, if it is a branch.</summary>
    [Id(20)] public string? BranchedFromSessionId { get; set; }

    /// <summary>Gets or sets the checkpoint of the source session this branch was restored from.</summary>
    [Id(21)] public string? BranchedFromCheckpointId { get; set; }

    /// <summary>Gets or sets the monitoring alerts raised and not cleared: each is raised once per crossing of its threshold.</summary>
    [Id(40)] public List<Interfaces.Sessions.Reports.SessionAlert> Alerts { get; set; } = [];

    /// <summary>Gets or sets the requests waiting for a free slot (beyond <c>MaxRunningRequests</c>), in queueing order.</summary>
    [Id(80)] public List<Queueing.QueuedRequest> Queue { get; set; } = [];

    /// <summary>Gets or sets the next queueing sequence number of the session.</summary>
    [Id(81)] public long QueueSequence { get; set; }

    /// <summary>Gets or sets the clarifications asked (pending and the last answered ones), oldest first, each with the request that waits for it.</summary>
    [Id(70)] public List<ClarificationRecord> Clarifications { get; set; } = [];
}

/// <summary>One request of a session.</summary>
[GenerateSerializer, Alias("TDeveloper.RequestRecord")]
public sealed class RequestRecord
{
    /// <summary>Gets or sets the workflow id (without tenant).</summary>
    [Id(0)] public string WorkflowId { get; set; } = "";

    /// <summary>Gets or sets the request text.</summary>
    [Id(1)] public string Text { get; set; } = "";

    /// <summary>Gets or sets when it was submitted.</summary>
    [Id(2)] public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Gets or sets the workflow's last known status.</summary>
    [Id(3)] public WorkflowStatus Status { get; set; }

    /// <summary>Gets or sets the session (without tenant) the request was made in, when this session is a branch that inherited it; its workflow is not re-run here.</summary>
    [Id(20)] public string? FromSessionId { get; set; }

    /// <summary>Gets or sets the workflow's status in the checkpoint a branch inherited the request from.</summary>
    [Id(21)] public WorkflowStatus? StatusAtCheckpoint { get; set; }

    /// <summary>Gets or sets the priority the request was submitted with.</summary>
    [Id(80)] public Interfaces.Queueing.RequestPriority Priority { get; set; }

    /// <summary>Gets or sets the deadline the request was submitted with, if any.</summary>
    [Id(81)] public DateTimeOffset? Deadline { get; set; }

    /// <summary>Gets or sets the keywords the decision engine's history keeps the request under (empty when it was not decided by the engine).</summary>
    [Id(70)] public List<string> DecisionKeywords { get; set; } = [];

    /// <summary>Gets or sets the agent types the decision engine chose for the request.</summary>
    [Id(71)] public List<string> DecisionAgents { get; set; } = [];
}

/// <summary>A clarification the session asked, with the request (prepared text) that waits for its answer.</summary>
[GenerateSerializer, Alias("TDeveloper.ClarificationRecord")]
public sealed class ClarificationRecord
{
    /// <summary>Gets or sets the clarification as the API shows it.</summary>
    [Id(0)] public Clarification Clarification { get; set; } = new();

    /// <summary>Gets or sets the prepared request text (sealed at rest).</summary>
    [Id(1)] public string Text { get; set; } = "";
}
