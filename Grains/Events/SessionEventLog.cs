using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Events;

/// <summary>One record the log writes: a segment of the page being filled, or a page that just filled.</summary>
/// <param name="Page">The page number.</param>
/// <param name="Segment">The segment number within the page, or <see langword="null"/> for the full page.</param>
/// <param name="Record">An <see cref="EventSegment"/> or an <see cref="EventPage"/>.</param>
public sealed record EventLogWrite(long Page, int? Segment, object Record);

/// <summary>
/// The event log's rules, free of Orleans: drop redelivered events, number the rest after the log's last one,
/// and lay them out as one segment per page touched, plus the full page when one fills.
/// </summary>
public static class SessionEventLog
{
    /// <summary>The longest message an event keeps, in characters; the full text stays with the step (GET the workflow).</summary>
    public const int MaxMessageChars = 300;

    /// <summary>Gets the page that holds event <paramref name="sequence"/> (from 1).</summary>
    public static long PageOf(long sequence, int pageSize) => (sequence - 1) / pageSize;

    /// <summary>
    /// Appends <paramref name="batch"/> to a copy of <paramref name="head"/>. Returns the records to write, in
    /// order, the head after them, and the events as numbered; no records when all were logged before.
    /// </summary>
    public static (IReadOnlyList<EventLogWrite> Writes, EventLogHead Head, ImmutableArray<SessionEvent> Logged) Append(
        EventLogHead head, IEnumerable<SourcedEvent> batch, int pageSize, DateTimeOffset now)
    {
        var next = head.Copy();
        var writes = new List<EventLogWrite>();
        var logged = ImmutableArray.CreateBuilder<SessionEvent>();
        EventSegment? segment = null;
        foreach (var (source, sourceSequence, evt) in batch)
        {
            if (next.Sources.TryGetValue(source, out var newest) && sourceSequence <= newest) continue;

            if (segment is null)
            {
                segment = new EventSegment();
                writes.Add(new EventLogWrite(next.OpenPage(pageSize), next.OpenPageSegments++, segment));
            }

            var numbered = evt with { Sequence = ++next.LastSequence, Message = evt.Message is null ? null : TextExcerpt.Shorten(evt.Message, MaxMessageChars) };
            next.Sources[source] = sourceSequence;
            segment.Sources[source] = sourceSequence;
            segment.Events.Add(numbered);
            next.OpenPageEvents.Add(numbered);
            if (EndsSession(numbered) && next.SessionEndedAt is null) segment.SessionEndedAt = next.SessionEndedAt = now;
            logged.Add(numbered);

            if (next.OpenPageEvents.Count == pageSize)
            {
                writes.Add(new EventLogWrite(PageOf(next.LastSequence, pageSize), null, ClosePage(next)));
                segment = null;
            }
        }

        return (writes, next, logged.ToImmutable());
    }

    /// <summary>Applies a stored segment of the page being filled to <paramref name="head"/> (when the log is loaded).</summary>
    public static void Replay(EventLogHead head, EventSegment segment)
    {
        head.OpenPageEvents.AddRange(segment.Events);
        head.OpenPageSegments++;
        head.LastSequence += segment.Events.Count;
        foreach (var (source, sequence) in segment.Sources) head.Sources[source] = sequence;
        head.SessionEndedAt ??= segment.SessionEndedAt;
    }

    /// <summary>Starts a head after the full page <paramref name="page"/> numbered <paramref name="number"/>.</summary>
    public static EventLogHead After(EventPage page, long number, int pageSize) => new()
    {
        LastSequence = (number + 1) * pageSize,
        Sources = new Dictionary<string, long>(page.Sources),
        SessionEndedAt = page.SessionEndedAt,
    };

    /// <summary>Turns the filled page of <paramref name="head"/> into its full-page record and starts the next page.</summary>
    public static EventPage ClosePage(EventLogHead head)
    {
        var page = new EventPage { Events = head.OpenPageEvents, Sources = new Dictionary<string, long>(head.Sources), SessionEndedAt = head.SessionEndedAt };
        head.OpenPageEvents = [];
        head.OpenPageSegments = 0;
        return page;
    }

    private static bool EndsSession(SessionEvent evt) =>
        evt.Kind == SessionEventKind.SessionStatusChanged && evt.Status == nameof(SessionStatus.Completed);
}
