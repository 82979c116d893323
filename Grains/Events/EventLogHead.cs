using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>What a session's event log knows of its end: the page being filled and what every source has logged.</summary>
public sealed class EventLogHead
{
    /// <summary>Gets or sets the sequence of the newest event (0 when none).</summary>
    public long LastSequence { get; set; }

    /// <summary>Gets or sets the events of the page being filled (its number is <see cref="OpenPage"/>).</summary>
    public List<SessionEvent> OpenPageEvents { get; set; } = [];

    /// <summary>Gets or sets how many segments the page being filled has.</summary>
    public int OpenPageSegments { get; set; }

    /// <summary>Gets or sets, per source, the sequence of its newest logged event.</summary>
    public Dictionary<string, long> Sources { get; set; } = [];

    /// <summary>Gets or sets when the session ended, once it has.</summary>
    public DateTimeOffset? SessionEndedAt { get; set; }

    /// <summary>Gets the number of the page being filled.</summary>
    public long OpenPage(int pageSize) => LastSequence / pageSize;

    /// <summary>Gets a copy to change, so that a failed write leaves this one as it was.</summary>
    public EventLogHead Copy() => new()
    {
        LastSequence = LastSequence,
        OpenPageEvents = [.. OpenPageEvents],
        OpenPageSegments = OpenPageSegments,
        Sources = new Dictionary<string, long>(Sources),
        SessionEndedAt = SessionEndedAt,
    };
}
