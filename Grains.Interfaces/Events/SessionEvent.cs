namespace TDeveloper.Grains.Interfaces.Events;

/// <summary>A change in a session or one of its workflows, published on the session's stream.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionEvent")]
public sealed record SessionEvent
{
    /// <summary>Gets the event's kind.</summary>
    [Id(0)] public SessionEventKind Kind { get; init; }

    /// <summary>Gets the session id (without tenant).</summary>
    [Id(1)] public string SessionId { get; init; } = "";

    /// <summary>Gets the workflow id, for workflow and step events.</summary>
    [Id(2)] public string? WorkflowId { get; init; }

    /// <summary>Gets the step id, for step events.</summary>
    [Id(3)] public string? StepId { get; init; }

    /// <summary>Gets the agent, for step events.</summary>
    [Id(4)] public string? Agent { get; init; }

    /// <summary>Gets the new status, as text.</summary>
    [Id(5)] public string Status { get; init; } = "";

    /// <summary>Gets a short human message (an error, or the first line of an output).</summary>
    [Id(6)] public string? Message { get; init; }

    /// <summary>Gets when the change happened.</summary>
    [Id(7)] public DateTimeOffset At { get; init; }

    /// <summary>Gets the attempt number, for step events.</summary>
    [Id(8)] public int? Attempt { get; init; }

    /// <summary>Gets the event's position in its session's log, from 1; a watcher resumes after the last one it saw.</summary>
    [Id(9)] public long Sequence { get; init; }

    /// <summary>Gets whether the event is live only (a step's output delta): not in the log, without a sequence number, not replayed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLiveOnly => Sequence == 0;
}
