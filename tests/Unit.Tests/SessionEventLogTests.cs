using TDeveloper.Grains.Events;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Unit.Tests;

public class SessionEventLogTests
{
    private static SessionEvent Event(string status) => new() { Kind = SessionEventKind.StepStarted, Status = status };

    [Fact]
    public void Events_are_numbered_in_order_and_read_after_a_position()
    {
        var log = new SessionEventLogState();
        SessionEventLog.Append(log, [Event("a"), Event("b")], capacity: 10);
        var appended = SessionEventLog.Append(log, [Event("c")], capacity: 10);

        Assert.Equal(3, appended.Single().Sequence);
        var page = SessionEventLog.Read(log, afterSequence: 1, max: 10);
        Assert.Equal(["b", "c"], page.Events.Select(e => e.Status));
        Assert.Equal(3, page.LastSequence);
        Assert.False(page.Truncated);
    }

    [Fact]
    public void Long_messages_are_shortened()
    {
        var log = new SessionEventLogState();

        var appended = SessionEventLog.Append(log, [Event("a") with { Message = new string('m', 1000) }], capacity: 10).Single();

        Assert.Equal(SessionEventLog.MaxMessageChars + 1, appended.Message!.Length);
    }

    [Fact]
    public void The_log_keeps_the_newest_events_and_says_when_a_reader_missed_some()
    {
        var log = new SessionEventLogState();
        SessionEventLog.Append(log, Enumerable.Range(0, 5).Select(i => Event($"e{i}")), capacity: 3);

        Assert.Equal([3L, 4L, 5L], log.Events.Select(e => e.Sequence));
        Assert.True(SessionEventLog.Read(log, 0, 10).Truncated);
        Assert.False(SessionEventLog.Read(log, 2, 10).Truncated);
        Assert.Equal(2, SessionEventLog.Read(log, 0, 2).Events.Length);
    }
}
