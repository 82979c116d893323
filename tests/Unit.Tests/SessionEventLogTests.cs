using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Unit.Tests;

public class SessionEventLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static SourcedEvent Event(string source, long sequence, string status = "x") =>
        new(source, sequence, new SessionEvent { Kind = SessionEventKind.StepStarted, Status = status });

    [Fact]
    public void Events_are_numbered_after_the_last_one_and_fill_the_last_page()
    {
        var (pages, logged) = SessionEventLog.Append(0, -1, new EventPage(), [Event("w1", 1, "a"), Event("w1", 2, "b")], pageSize: 4, Now);

        Assert.Equal([1L, 2L], logged.Select(e => e.Sequence));
        var (number, page) = Assert.Single(pages);
        Assert.Equal(0, number);
        Assert.Equal(["a", "b"], page.Events.Select(e => e.Status));
        Assert.Equal(2, page.Sources["w1"]);

        var (next, _) = SessionEventLog.Append(2, 0, page, [Event("w2", 1, "c")], pageSize: 4, Now);
        Assert.Equal(["a", "b", "c"], Assert.Single(next).Page.Events.Select(e => e.Status));
    }

    [Fact]
    public void A_batch_that_overflows_the_page_continues_on_new_pages_with_the_sources_each_page_holds()
    {
        var first = SessionEventLog.Append(0, -1, new EventPage(), [Event("w", 1), Event("w", 2), Event("w", 3)], pageSize: 4, Now).Pages.Single().Page;

        var (pages, logged) = SessionEventLog.Append(3, 0, first, [Event("w", 4), Event("v", 1), Event("w", 5), Event("w", 6), Event("w", 7), Event("w", 8), Event("w", 9), Event("w", 10)], pageSize: 4, Now);

        Assert.Equal([0L, 1L, 2L], pages.Select(p => p.Number));
        Assert.Equal([1L, 2L, 3L, 4L], pages[0].Page.Events.Select(e => e.Sequence));
        Assert.Equal(4, pages[0].Page.Sources["w"]);
        Assert.False(pages[0].Page.Sources.ContainsKey("v"));
        Assert.Equal([5L, 6L, 7L, 8L], pages[1].Page.Events.Select(e => e.Sequence));
        Assert.Equal(7, pages[1].Page.Sources["w"]);
        Assert.Equal([9L, 10L, 11L], pages[2].Page.Events.Select(e => e.Sequence));
        Assert.Equal(10, pages[2].Page.Sources["w"]);
        Assert.Equal(1, pages[2].Page.Sources["v"]);
        Assert.Equal(11, logged[^1].Sequence);
        Assert.Equal(2, SessionEventLog.PageOf(11, 4));
    }

    [Fact]
    public void A_redelivered_event_is_dropped_by_its_source_sequence()
    {
        var page = SessionEventLog.Append(0, -1, new EventPage(), [Event("w", 1), Event("w", 2)], pageSize: 8, Now).Pages.Single().Page;

        var (pages, logged) = SessionEventLog.Append(2, 0, page, [Event("w", 2), Event("w", 3), Event("w", 3)], pageSize: 8, Now);

        Assert.Equal([3L], logged.Select(e => e.Sequence));
        Assert.Equal(3, Assert.Single(pages).Page.Events.Count);
        Assert.Empty(SessionEventLog.Append(3, 0, pages[0].Page, [Event("w", 1)], pageSize: 8, Now).Pages);
    }

    [Fact]
    public void Long_messages_are_shortened_and_the_session_end_is_recorded_for_retention()
    {
        var ending = new SourcedEvent("s", 1, new SessionEvent { Kind = SessionEventKind.SessionStatusChanged, Status = "Completed", Message = new string('m', 1000) });

        var (pages, logged) = SessionEventLog.Append(0, -1, new EventPage(), [ending], pageSize: 8, Now);

        Assert.InRange(logged.Single().Message!.Length, 1, SessionEventLog.MaxMessageChars + 1); // the excerpt ends in an ellipsis
        Assert.Equal(Now, pages.Single().Page.SessionEndedAt);
    }
}
