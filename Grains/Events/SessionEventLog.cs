using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>The event log's rules, free of Orleans: number events in order, keep the newest, read after a position.</summary>
public static class SessionEventLog
{
    /// <summary>The longest message an event keeps, in characters; the full text stays with the step (GET the workflow).</summary>
    public const int MaxMessageChars = 300;

    /// <summary>
    /// Numbers <paramref name="events"/> after the log's last one, shortens their messages, appends them, drops the
    /// oldest beyond <paramref name="capacity"/>, and returns them numbered.
    /// </summary>
    public static ImmutableArray<SessionEvent> Append(SessionEventLogState log, IEnumerable<SessionEvent> events, int capacity)
    {
        var numbered = events.Select(e => e with
        {
            Sequence = ++log.LastSequence,
            Message = e.Message is null ? null : TextExcerpt.Shorten(e.Message, MaxMessageChars),
        }).ToImmutableArray();
        log.Events.AddRange(numbered);
        if (log.Events.Count > capacity) log.Events.RemoveRange(0, log.Events.Count - capacity);
        return numbered;
    }

    /// <summary>Gets up to <paramref name="max"/> events after <paramref name="afterSequence"/>, saying whether some were already dropped.</summary>
    public static SessionEventPage Read(SessionEventLogState log, long afterSequence, int max) => new()
    {
        Events = [.. log.Events.Where(e => e.Sequence > afterSequence).Take(Math.Max(0, max))],
        LastSequence = log.LastSequence,
        Truncated = log.Events.Count > 0 && log.Events[0].Sequence > afterSequence + 1,
    };
}
