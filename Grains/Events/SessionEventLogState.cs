using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>The persisted log of a session's events.</summary>
[GenerateSerializer, Alias("TDeveloper.SessionEventLogState")]
public sealed class SessionEventLogState
{
    /// <summary>Gets or sets the newest events, oldest first.</summary>
    [Id(0)] public List<SessionEvent> Events { get; set; } = [];

    /// <summary>Gets or sets the sequence number of the newest event.</summary>
    [Id(1)] public long LastSequence { get; set; }
}
