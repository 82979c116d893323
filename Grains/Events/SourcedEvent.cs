using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>An event waiting to be logged, with the source that sent it and its sequence there.</summary>
/// <param name="Source">The sending grain's key (a workflow or the session).</param>
/// <param name="SourceSequence">The event's number in its source's outbox, from 1.</param>
/// <param name="Event">The event, not yet numbered in the session's log.</param>
public readonly record struct SourcedEvent(string Source, long SourceSequence, SessionEvent Event);
