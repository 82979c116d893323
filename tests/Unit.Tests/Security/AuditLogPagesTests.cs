using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Audit;
using TDeveloper.Grains.Security.Audit;

namespace TDeveloper.Unit.Tests.Security;

public sealed class AuditLogPagesTests
{
    private const int PageSize = 4;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero));

    private static AuditEvent Event(int n, string kind = AuditEventKinds.Login, string actor = "alice", DateTimeOffset at = default) =>
        new() { Tenant = "acme", Kind = kind, Actor = actor, Outcome = "success", At = at, Details = ImmutableDictionary<string, string>.Empty.Add("n", n.ToString()) };

    [Fact]
    public void An_append_numbers_events_after_the_newest_and_writes_one_segment_per_page_plus_each_page_that_fills()
    {
        var head = new AuditLogHead();
        var (first, afterFirst, logged) = AuditLogPages.Append(head, [Event(1), Event(2), Event(3)], PageSize, _clock.GetUtcNow());
        Assert.Equal([1L, 2, 3], logged.Select(e => e.Sequence));
        Assert.Equal((0L, (int?)0), (Assert.Single(first).Page, first[0].Segment));
        Assert.Equal(0, head.LastSequence); // the head given is left as it was, for a failed write

        _clock.Advance(TimeSpan.FromHours(1));
        var (second, afterSecond, _) = AuditLogPages.Append(afterFirst, Enumerable.Range(4, 6).Select(n => Event(n)), PageSize, _clock.GetUtcNow());

        // Segment 1 of page 0 (event 4), page 0 full, segment 0 of page 1 (5-8), page 1 full, segment 0 of page 2 (9).
        Assert.Equal([(0L, (int?)1), (0L, null), (1L, 0), (1L, null), (2L, 0)], second.Select(w => (w.Page, w.Segment)));
        var page0 = (AuditPage)second[1].Record;
        Assert.Equal([1L, 2, 3, 4], page0.Entries.Select(e => e.Sequence));
        Assert.Equal(_clock.GetUtcNow(), page0.ClosedAt);
        Assert.Equal(9, afterSecond.LastSequence);
        Assert.Equal([9L], afterSecond.OpenPageEntries.Select(e => e.Sequence));
        Assert.All(afterSecond.OpenPageEntries, e => Assert.Equal(_clock.GetUtcNow(), e.RecordedAt));
    }

    [Fact]
    public void A_log_restarted_from_its_pages_and_segments_continues_where_it_was()
    {
        var (writes, expected, _) = AuditLogPages.Append(new AuditLogHead(), Enumerable.Range(1, 6).Select(n => Event(n)), PageSize, _clock.GetUtcNow());

        var reloaded = AuditLogPages.Start(firstPage: 0, lastFullPage: 0, PageSize);
        foreach (var segment in writes.Where(w => w.Page == 1 && w.Segment is not null)) AuditLogPages.Replay(reloaded, (AuditSegment)segment.Record);

        Assert.Equal(expected.LastSequence, reloaded.LastSequence);
        Assert.Equal(expected.OpenPageEntries.Select(e => e.Sequence), reloaded.OpenPageEntries.Select(e => e.Sequence));
        Assert.Equal(8, AuditLogPages.Start(firstPage: 2, lastFullPage: null, PageSize).LastSequence); // pages 0 and 1 deleted, none full since
        Assert.Equal(12, AuditLogPages.Start(firstPage: 2, lastFullPage: 2, PageSize).LastSequence);
    }

    [Fact]
    public void A_page_expires_once_the_retention_period_has_passed_since_it_filled()
    {
        var closedAt = _clock.GetUtcNow();
        _clock.Advance(Retention - TimeSpan.FromSeconds(1));
        Assert.False(AuditLogPages.IsExpired(closedAt, _clock.GetUtcNow(), Retention));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(AuditLogPages.IsExpired(closedAt, _clock.GetUtcNow(), Retention));
    }

    [Fact]
    public async Task A_read_filters_by_kind_actor_and_time_and_pages_by_sequence()
    {
        var start = _clock.GetUtcNow();
        var events = Enumerable.Range(1, 10).Select(n => Event(n, n % 2 == 0 ? AuditEventKinds.AccessDenied : AuditEventKinds.Login, n <= 5 ? "alice" : "bob", start.AddMinutes(n)));
        var (writes, head, _) = AuditLogPages.Append(new AuditLogHead(), events, PageSize, start);
        var store = Store(writes, head);

        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), (await ReadAsync(store, head, new AuditQuery())).Entries.Select(e => e.Sequence));
        Assert.Equal([2L, 4, 6, 8, 10], (await ReadAsync(store, head, new AuditQuery { Kind = AuditEventKinds.AccessDenied })).Entries.Select(e => e.Sequence));
        Assert.Equal([6L, 8, 10], (await ReadAsync(store, head, new AuditQuery { Kind = AuditEventKinds.AccessDenied, Actor = "bob" })).Entries.Select(e => e.Sequence));
        Assert.Equal([3L, 4, 5], (await ReadAsync(store, head, new AuditQuery { From = start.AddMinutes(3), To = start.AddMinutes(6) })).Entries.Select(e => e.Sequence));

        var firstPage = await ReadAsync(store, head, new AuditQuery { Limit = 3, Kind = AuditEventKinds.Login });
        Assert.Equal([1L, 3, 5], firstPage.Entries.Select(e => e.Sequence));
        Assert.Equal(5, firstPage.Next);
        var secondPage = await ReadAsync(store, head, new AuditQuery { Limit = 3, Kind = AuditEventKinds.Login, AfterSequence = firstPage.Next!.Value });
        Assert.Equal([7L, 9], secondPage.Entries.Select(e => e.Sequence));
        Assert.Null(secondPage.Next);
        Assert.Equal(10, secondPage.LastSequence);
    }

    [Fact]
    public async Task A_read_scans_a_bounded_number_of_pages_and_says_where_to_go_on()
    {
        var (writes, head, _) = AuditLogPages.Append(new AuditLogHead(), Enumerable.Range(1, 10).Select(n => Event(n)), PageSize, _clock.GetUtcNow());
        var store = Store(writes, head);
        var query = new AuditQuery { Kind = "none-such" };

        var first = await AuditLogPages.ReadAsync(query, 0, head.LastSequence, PageSize, maxPages: 2, store);
        Assert.Empty(first.Entries);
        Assert.Equal(8, first.Next);
        var last = await AuditLogPages.ReadAsync(query with { AfterSequence = 8 }, 0, head.LastSequence, PageSize, maxPages: 2, store);
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task A_read_starts_at_the_first_page_kept_and_skips_a_page_deleted_meanwhile()
    {
        var (writes, head, _) = AuditLogPages.Append(new AuditLogHead(), Enumerable.Range(1, 10).Select(n => Event(n)), PageSize, _clock.GetUtcNow());
        var pages = Store(writes, head);
        Func<long, ValueTask<IReadOnlyList<AuditLogEntry>?>> withoutPage1 = number => number == 1 ? ValueTask.FromResult<IReadOnlyList<AuditLogEntry>?>(null) : pages(number);

        var slice = await AuditLogPages.ReadAsync(new AuditQuery(), firstPage: 1, head.LastSequence, PageSize, 10, withoutPage1);

        Assert.Equal([9L, 10], slice.Entries.Select(e => e.Sequence));
    }

    private static Task<AuditLogSlice> ReadAsync(Func<long, ValueTask<IReadOnlyList<AuditLogEntry>?>> store, AuditLogHead head, AuditQuery query) =>
        AuditLogPages.ReadAsync(query, 0, head.LastSequence, PageSize, 100, store);

    private static Func<long, ValueTask<IReadOnlyList<AuditLogEntry>?>> Store(IReadOnlyList<AuditLogWrite> writes, AuditLogHead head)
    {
        var pages = writes.Where(w => w.Segment is null).ToDictionary(w => w.Page, w => (IReadOnlyList<AuditLogEntry>)((AuditPage)w.Record).Entries);
        pages[head.OpenPage(PageSize)] = head.OpenPageEntries;
        return number => ValueTask.FromResult(pages.GetValueOrDefault(number));
    }
}
