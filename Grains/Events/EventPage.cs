using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Events;

/// <summary>
/// A full page of a session's event log, written once when it fills: page <c>n</c> holds the events numbered
/// <c>n·size+1 … (n+1)·size</c>. Until then the page is a series of <see cref="EventSegment"/>s, one per write,
/// so an append costs the bytes of what it appends, and a replay reads one record per full page.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.EventPage")]
public sealed class EventPage : IPersistedRecord
{
    /// <summary>Gets or sets the page's events, in order.</summary>
    [Id(0)] public List<SessionEvent> Events { get; set; } = [];

    /// <summary>Gets or sets, per source, the sequence of its newest event in this page or before: what a redelivery must not add again.</summary>
    [Id(1)] public Dictionary<string, long> Sources { get; set; } = [];

    /// <summary>Gets or sets when the session ended, once it has: the log is deleted a retention period later.</summary>
    [Id(2)] public DateTimeOffset? SessionEndedAt { get; set; }
}

/// <summary>The events one write appended to the page being filled.</summary>
[GenerateSerializer, Alias("TDeveloper.EventSegment")]
public sealed class EventSegment : IPersistedRecord
{
    /// <summary>Gets or sets the appended events, in order.</summary>
    [Id(0)] public List<SessionEvent> Events { get; set; } = [];

    /// <summary>Gets or sets the newest source sequence of each source that appended here.</summary>
    [Id(1)] public Dictionary<string, long> Sources { get; set; } = [];

    /// <summary>Gets or sets when the session ended, when one of these events ended it.</summary>
    [Id(2)] public DateTimeOffset? SessionEndedAt { get; set; }
}
