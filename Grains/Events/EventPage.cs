using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>
/// One page of a session's event log, a record of its own: page <c>n</c> holds the events numbered
/// <c>n·size+1 … (n+1)·size</c>. Only the last page is rewritten while it fills, so an append costs at most a
/// page whatever the length of the log.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.EventPage")]
public sealed class EventPage
{
    /// <summary>Gets or sets the page's events, in order.</summary>
    [Id(0)] public List<SessionEvent> Events { get; set; } = [];

    /// <summary>Gets or sets, per source, the sequence of the newest of its events in this page or before: what a redelivery must not add again.</summary>
    [Id(1)] public Dictionary<string, long> Sources { get; set; } = [];

    /// <summary>Gets or sets when the session ended, once it has: the log is deleted a retention period later.</summary>
    [Id(2)] public DateTimeOffset? SessionEndedAt { get; set; }
}
