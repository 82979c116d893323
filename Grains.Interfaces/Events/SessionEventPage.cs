using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Events;

/// <summary>A slice of a session's event log.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionEventPage")]
public sealed record SessionEventPage
{
    /// <summary>Gets the events, oldest first.</summary>
    [Id(0)] public ImmutableArray<SessionEvent> Events { get; init; } = [];

    /// <summary>Gets the sequence of the newest event logged so far (0 when none).</summary>
    [Id(1)] public long LastSequence { get; init; }

}
