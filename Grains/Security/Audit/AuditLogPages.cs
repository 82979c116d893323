using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Audit;

namespace TDeveloper.Grains.Security.Audit;

/// <summary>One record an audit log append writes: a segment of the page being filled, or a page that just filled.</summary>
/// <param name="Page">The page number.</param>
/// <param name="Segment">The segment number within the page (from 0), or <see langword="null"/> for the full page.</param>
/// <param name="Record">An <see cref="AuditSegment"/> or an <see cref="AuditPage"/>.</param>
public sealed record AuditLogWrite(long Page, int? Segment, object Record);

/// <summary>
/// The audit log's rules, free of Orleans: number appended events after the newest, lay them out as one segment per
/// page touched plus the full page when one fills, decide which pages retention deletes, and filter reads.
/// </summary>
public static class AuditLogPages
{
    /// <summary>Gets the page that holds entry <paramref name="sequence"/> (from 1).</summary>
    public static long PageOf(long sequence, int pageSize) => (sequence - 1) / pageSize;

    /// <summary>Gets the head of a log whose pages before <paramref name="firstPage"/> were deleted and whose last full page is <paramref name="lastFullPage"/> (if any).</summary>
    public static AuditLogHead Start(long firstPage, long? lastFullPage, int pageSize) =>
        new() { LastSequence = ((lastFullPage ?? (firstPage - 1)) + 1) * pageSize };

    /// <summary>
    /// Appends <paramref name="events"/> to a copy of <paramref name="head"/>, stamped <paramref name="now"/>. Returns the
    /// records to write, in order, the head after them, and the entries as numbered.
    /// </summary>
    public static (IReadOnlyList<AuditLogWrite> Writes, AuditLogHead Head, ImmutableArray<AuditLogEntry> Logged) Append(
        AuditLogHead head, IEnumerable<AuditEvent> events, int pageSize, DateTimeOffset now)
    {
        var next = head.Copy();
        var writes = new List<AuditLogWrite>();
        var logged = ImmutableArray.CreateBuilder<AuditLogEntry>();
        AuditSegment? segment = null;
        foreach (var evt in events)
        {
            if (segment is null)
            {
                segment = new AuditSegment();
                writes.Add(new AuditLogWrite(next.OpenPage(pageSize), next.OpenPageSegments++, segment));
            }

            var entry = new AuditLogEntry { Sequence = ++next.LastSequence, RecordedAt = now, Event = evt };
            segment.Entries.Add(entry);
            next.OpenPageEntries.Add(entry);
            logged.Add(entry);
            if (next.OpenPageEntries.Count == pageSize)
            {
                writes.Add(new AuditLogWrite(PageOf(next.LastSequence, pageSize), null, ClosePage(next, now)));
                segment = null;
            }
        }

        return (writes, next, logged.ToImmutable());
    }

    /// <summary>Applies a stored segment of the page being filled to <paramref name="head"/> (when the log is loaded).</summary>
    public static void Replay(AuditLogHead head, AuditSegment segment)
    {
        head.OpenPageEntries.AddRange(segment.Entries);
        head.OpenPageSegments++;
        head.LastSequence += segment.Entries.Count;
    }

    /// <summary>Turns the filled page of <paramref name="head"/> into its full-page record, closed at <paramref name="now"/>, and starts the next page.</summary>
    public static AuditPage ClosePage(AuditLogHead head, DateTimeOffset now)
    {
        var page = new AuditPage { Entries = head.OpenPageEntries, ClosedAt = now };
        head.OpenPageEntries = [];
        head.OpenPageSegments = 0;
        return page;
    }

    /// <summary>Gets whether retention deletes a full page that closed at <paramref name="closedAt"/>: all its entries are older than <paramref name="retention"/>.</summary>
    public static bool IsExpired(DateTimeOffset closedAt, DateTimeOffset now, TimeSpan retention) => closedAt + retention <= now;

    /// <summary>Gets whether <paramref name="entry"/> passes the filters of <paramref name="query"/> (the sequence bound aside).</summary>
    public static bool Matches(AuditLogEntry entry, AuditQuery query)
    {
        var evt = entry.Event;
        return (query.Kind is null || string.Equals(evt.Kind, query.Kind, StringComparison.Ordinal))
            && (query.Actor is null || string.Equals(evt.Actor, query.Actor, StringComparison.Ordinal))
            && (query.From is not { } from || evt.At >= from)
            && (query.To is not { } to || evt.At < to);
    }

    /// <summary>
    /// Reads a query over pages, oldest first, where <paramref name="readPage"/> gives a page's entries (<see langword="null"/>
    /// when retention deleted it meanwhile). Reads at most <paramref name="maxPages"/> pages, and says where to go on.
    /// </summary>
    /// <param name="query">The filters, the sequence to read after and the limit (clamped to 1 … <see cref="AuditQuery.MaxLimit"/>).</param>
    /// <param name="firstPage">The first page kept.</param>
    /// <param name="lastSequence">The newest entry's sequence.</param>
    /// <param name="pageSize">Entries per page.</param>
    /// <param name="maxPages">The most pages to read.</param>
    /// <param name="readPage">Reads page n's entries.</param>
    public static async Task<AuditLogSlice> ReadAsync(AuditQuery query, long firstPage, long lastSequence, int pageSize, int maxPages, Func<long, ValueTask<IReadOnlyList<AuditLogEntry>?>> readPage)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(readPage);
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit);
        var examined = Math.Max(query.AfterSequence, firstPage * pageSize);
        var found = ImmutableArray.CreateBuilder<AuditLogEntry>();
        for (var pages = 0; found.Count < limit && examined < lastSequence && pages < maxPages; pages++)
        {
            var number = PageOf(examined + 1, pageSize);
            var entries = await readPage(number);
            var pageEnd = Math.Min((number + 1) * pageSize, lastSequence);
            if (entries is null)
            {
                examined = pageEnd;
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.Sequence <= examined || entry.Sequence > lastSequence) continue;
                examined = entry.Sequence;
                if (Matches(entry, query)) found.Add(entry);
                if (found.Count == limit) break;
            }

            if (found.Count < limit) examined = pageEnd;
        }

        return new AuditLogSlice { Entries = found.ToImmutable(), Next = examined < lastSequence ? examined : null, LastSequence = lastSequence };
    }
}
