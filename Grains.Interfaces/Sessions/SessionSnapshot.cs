using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>What a caller sees of a session.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionSnapshot")]
public sealed record SessionSnapshot
{
    /// <summary>Gets the session id (without tenant).</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the tenant the session belongs to.</summary>
    [Id(1)] public string Tenant { get; init; } = "";

    /// <summary>Gets the owner named at creation.</summary>
    [Id(2)] public string Owner { get; init; } = "";

    /// <summary>Gets the title named at creation.</summary>
    [Id(3)] public string? Title { get; init; }

    /// <summary>Gets the session's lifecycle state.</summary>
    [Id(4)] public SessionStatus Status { get; init; }

    /// <summary>Gets when the session was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the session ends at the latest (creation plus the maximum lifetime).</summary>
    [Id(6)] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets when the session's heartbeat last ran, if it has.</summary>
    [Id(7)] public DateTimeOffset? LastHeartbeatAt { get; init; }

    /// <summary>Gets when the session's state was last checkpointed, if it has been.</summary>
    [Id(8)] public DateTimeOffset? LastCheckpointAt { get; init; }

    /// <summary>Gets why the session ended ("completed", "cancelled: …", "expired", "idle"; "…; failed: …" when it failed), once it has.</summary>
    [Id(9)] public string? EndReason { get; init; }

    /// <summary>Gets the requests submitted to the session, oldest first.</summary>
    [Id(10)] public ImmutableArray<SessionRequestSummary> Requests { get; init; } = [];

    /// <summary>Gets when the session was last used (created, a request submitted or finished, paused or resumed); the idle timeout counts from it.</summary>
    [Id(11)] public DateTimeOffset LastActivityAt { get; init; }

    /// <summary>Gets the id (without tenant) of the session this one was branched from, when it is a branch.</summary>
    [Id(20)] public string? BranchedFromSessionId { get; init; }

    /// <summary>Gets the checkpoint of the source session this branch was restored from, when it is a branch.</summary>
    [Id(21)] public string? BranchedFromCheckpointId { get; init; }

    /// <summary>Gets how many checkpoints of the session were stored.</summary>
    [Id(22)] public int CheckpointCount { get; init; }

    /// <summary>Gets the clarifications that wait for the user's answer (requests the decision engine was not sure about), oldest first.</summary>
    [Id(70)] public ImmutableArray<Clarification> PendingClarifications { get; init; } = [];
}

/// <summary>One request of a session and the workflow that runs it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionRequestSummary")]
public sealed record SessionRequestSummary
{
    /// <summary>Gets the id (without tenant) of the workflow that runs the request.</summary>
    [Id(0)] public string WorkflowId { get; init; } = "";

    /// <summary>Gets the request text.</summary>
    [Id(1)] public string Text { get; init; } = "";

    /// <summary>Gets when the request was submitted.</summary>
    [Id(2)] public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Gets the workflow's last known status.</summary>
    [Id(3)] public WorkflowStatus Status { get; init; }

    /// <summary>Gets the session (without tenant) the request was made in, when this session is a branch that inherited it; its workflow is not re-run in the branch.</summary>
    [Id(20)] public string? FromSessionId { get; init; }

    /// <summary>Gets the workflow's status in the checkpoint a branch inherited the request from (a running one is listed as <see cref="WorkflowStatus.Cancelled"/> in the branch).</summary>
    [Id(21)] public WorkflowStatus? StatusAtCheckpoint { get; init; }

    /// <summary>Gets the request's priority in the session's queue.</summary>
    [Id(80)] public Queueing.RequestPriority Priority { get; init; }

    /// <summary>Gets the request's deadline, if it named one.</summary>
    [Id(81)] public DateTimeOffset? Deadline { get; init; }
}
