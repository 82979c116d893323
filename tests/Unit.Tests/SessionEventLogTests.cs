using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Unit.Tests;

public class SessionEventLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static SourcedEvent Event(string source, long sequence, string status = "x") =>
        new(source, sequence, new SessionEvent { Kind = SessionEventKind.StepStarted, Status = status });

    [Fact]
    public void Each_write_appends_one_segment_with_just_its_events()
    {
        var (writes, head, logged) = SessionEventLog.Append(new EventLogHead(), [Event("w1", 1, "a"), Event("w1", 2, "b")], pageSize: 4, Now);

        Assert.Equal([1L, 2L], logged.Select(e => e.Sequence));
        var write = Assert.Single(writes);
        Assert.Equal((0L, 0), (write.Page, write.Segment!.Value));
        Assert.Equal(["a", "b"], ((EventSegment)write.Record).Events.Select(e => e.Status));

        var (next, _, _) = SessionEventLog.Append(head, [Event("w2", 1, "c")], pageSize: 4, Now);
        var segment = Assert.Single(next);
        Assert.Equal((0L, 1), (segment.Page, segment.Segment!.Value));
        Assert.Equal(["c"], ((EventSegment)segment.Record).Events.Select(e => e.Status));
        Assert.Equal(1, ((EventSegment)segment.Record).Sources["w2"]);
    }

    [Fact]
    public void A_page_that_fills_is_written_whole_once_and_the_rest_starts_the_next_page()
    {
        var (_, head, _) = SessionEventLog.Append(new EventLogHead(), [Event("w", 1), Event("w", 2), Event("w", 3)], pageSize: 4, Now);

        var (writes, after, logged) = SessionEventLog.Append(head, [Event("w", 4), Event("v", 1), Event("w", 5), Event("w", 6), Event("w", 7), Event("w", 8)], pageSize: 4, Now);

        Assert.Equal(["0.1", "0", "1.0", "1", "2.0"], writes.Select(w => w.Segment is { } s ? $"{w.Page}.{s}" : $"{w.Page}"));
        var full = (EventPage)writes[1].Record;
        Assert.Equal([1L, 2L, 3L, 4L], full.Events.Select(e => e.Sequence));
        Assert.Equal(4, full.Sources["w"]);
        Assert.False(full.Sources.ContainsKey("v"));
        Assert.Equal([5L, 6L, 7L, 8L], ((EventPage)writes[3].Record).Events.Select(e => e.Sequence));
        Assert.Equal([9L], ((EventSegment)writes[4].Record).Events.Select(e => e.Sequence));
        Assert.Equal(9, after.LastSequence);
        Assert.Equal(2, after.OpenPage(4));
        Assert.Equal(9, logged[^1].Sequence);
    }

    [Fact]
    public void Replaying_the_last_full_page_and_the_segments_after_it_rebuilds_the_head()
    {
        var (first, head, _) = SessionEventLog.Append(new EventLogHead(), [Event("w", 1), Event("w", 2), Event("w", 3), Event("w", 4), Event("v", 1)], pageSize: 4, Now);
        var (second, head2, _) = SessionEventLog.Append(head, [Event("w", 5)], pageSize: 4, Now);

        var replayed = SessionEventLog.After((EventPage)first[1].Record, 0, 4);
        SessionEventLog.Replay(replayed, (EventSegment)first[2].Record);
        SessionEventLog.Replay(replayed, (EventSegment)second[0].Record);

        Assert.Equal(head2.LastSequence, replayed.LastSequence);
        Assert.Equal(head2.OpenPageSegments, replayed.OpenPageSegments);
        Assert.Equal(head2.Sources, replayed.Sources);
        Assert.Equal(head2.OpenPageEvents.Select(e => e.Sequence), replayed.OpenPageEvents.Select(e => e.Sequence));
    }

    [Fact]
    public void A_redelivered_event_is_dropped_by_its_source_sequence()
    {
        var (_, head, _) = SessionEventLog.Append(new EventLogHead(), [Event("w", 1), Event("w", 2)], pageSize: 8, Now);

        var (writes, after, logged) = SessionEventLog.Append(head, [Event("w", 2), Event("w", 3), Event("w", 3)], pageSize: 8, Now);

        Assert.Equal([3L], logged.Select(e => e.Sequence));
        Assert.Single(writes);
        Assert.Empty(SessionEventLog.Append(after, [Event("w", 1)], pageSize: 8, Now).Writes);
    }

    [Fact]
    public void Long_messages_are_shortened_and_the_session_end_is_recorded_for_retention()
    {
        var ending = new SourcedEvent("s", 1, new SessionEvent { Kind = SessionEventKind.SessionStatusChanged, Status = "Completed", Message = new string('m', 1000) });

        var (writes, head, logged) = SessionEventLog.Append(new EventLogHead(), [ending], pageSize: 8, Now);

        Assert.InRange(logged.Single().Message!.Length, 1, SessionEventLog.MaxMessageChars + 1); // the excerpt ends in an ellipsis
        Assert.Equal(Now, ((EventSegment)writes.Single().Record).SessionEndedAt);
        Assert.Equal(Now, head.SessionEndedAt);
    }
}
