using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>One moment of a session's timeline: a status change, a request's workflow starting or finishing, an alert.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionTimelineEntry")]
public sealed record SessionTimelineEntry
{
    /// <summary>Gets when it happened.</summary>
    [Id(0)] public DateTimeOffset At { get; init; }

    /// <summary>Gets the kind of the event it comes from.</summary>
    [Id(1)] public SessionEventKind Kind { get; init; }

    /// <summary>Gets the new status (of the session or workflow), or the alert's kind for an alert.</summary>
    [Id(2)] public string Status { get; init; } = "";

    /// <summary>Gets the workflow, for a request's entries.</summary>
    [Id(3)] public string? WorkflowId { get; init; }

    /// <summary>Gets the event's message (a reason, an error, the alert's text), if any.</summary>
    [Id(4)] public string? Message { get; init; }

    /// <summary>Gets the event's sequence in the session's log.</summary>
    [Id(5)] public long Sequence { get; init; }
}
