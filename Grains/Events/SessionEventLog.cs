using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Events;

/// <summary>
/// The event log's rules, free of Orleans: drop redelivered events, number the rest after the log's last
/// one, and lay them into fixed-size pages.
/// </summary>
public static class SessionEventLog
{
    /// <summary>The longest message an event keeps, in characters; the full text stays with the step (GET the workflow).</summary>
    public const int MaxMessageChars = 300;

    /// <summary>Gets the page that holds event <paramref name="sequence"/> (from 1).</summary>
    public static long PageOf(long sequence, int pageSize) => (sequence - 1) / pageSize;

    /// <summary>
    /// Appends <paramref name="batch"/> after <paramref name="lastSequence"/>, whose page is <paramref name="lastPage"/>
    /// (number <paramref name="lastPageNumber"/>, -1 when the log is empty). Returns the pages to write, in order (the
    /// last page again when it had room, then new ones), and the events as numbered; nothing when all were logged before.
    /// </summary>
    public static (IReadOnlyList<(long Number, EventPage Page)> Pages, ImmutableArray<SessionEvent> Logged) Append(
        long lastSequence, long lastPageNumber, EventPage lastPage, IEnumerable<SourcedEvent> batch, int pageSize, DateTimeOffset now)
    {
        var pages = new List<(long Number, EventPage Page)>();
        var logged = ImmutableArray.CreateBuilder<SessionEvent>();
        var sources = new Dictionary<string, long>(lastPage.Sources);
        EventPage? current = null;
        var currentNumber = lastPageNumber;
        foreach (var (source, sourceSequence, evt) in batch)
        {
            if (sources.TryGetValue(source, out var newest) && sourceSequence <= newest) continue;

            var sequence = lastSequence + logged.Count + 1;
            var pageNumber = PageOf(sequence, pageSize);
            if (current is null || pageNumber != currentNumber)
            {
                if (current is not null) current.Sources = new Dictionary<string, long>(sources);
                current = pageNumber == lastPageNumber
                    ? new EventPage { Events = [.. lastPage.Events], SessionEndedAt = lastPage.SessionEndedAt }
                    : new EventPage { SessionEndedAt = current?.SessionEndedAt ?? lastPage.SessionEndedAt };
                currentNumber = pageNumber;
                pages.Add((pageNumber, current));
            }

            sources[source] = sourceSequence;
            var numbered = evt with { Sequence = sequence, Message = evt.Message is null ? null : TextExcerpt.Shorten(evt.Message, MaxMessageChars) };
            current.Events.Add(numbered);
            if (EndsSession(numbered)) current.SessionEndedAt ??= now;
            logged.Add(numbered);
        }

        if (current is not null) current.Sources = sources;
        return (pages, logged.ToImmutable());
    }

    private static bool EndsSession(SessionEvent evt) =>
        evt.Kind == SessionEventKind.SessionStatusChanged && evt.Status == nameof(SessionStatus.Completed);
}
