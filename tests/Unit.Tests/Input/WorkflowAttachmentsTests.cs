using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests.Input;

public class WorkflowAttachmentsTests
{
    [Fact]
    public void Attachments_come_back_from_the_first_journal_entry_and_later_entries_do_not_repeat_them()
    {
        RequestPart image = new() { Kind = RequestPartKind.Image, ContentType = "image/png", Data = [1, 2, 3] };
        var input = new StartWorkflowInput { SessionKey = "t/s", RequestText = "r", Plan = PlanFactory.Of("a"), Attachments = [image] };
        var state = new WorkflowState();
        var run = new WorkflowExecution(state, new WorkflowOptions());
        var journal = new WorkflowJournal();
        run.Start(input, DateTimeOffset.UnixEpoch);
        run.Advance(DateTimeOffset.UnixEpoch);
        var first = journal.Diff(state);
        first.Start = input;
        journal.Accept(first);
        run.Apply(new StepResult { StepId = "a", Attempt = 1, Succeeded = true, Output = "A" }, DateTimeOffset.UnixEpoch, 0.5);
        var second = journal.Diff(state);

        Assert.Equal([image], state.Attachments.ToArray());
        Assert.Null(second.Start);
        var replayed = new WorkflowState();
        var replay = new WorkflowJournal();
        replay.Replay(replayed, first);
        replay.Replay(replayed, second);
        Assert.Equal([image], replayed.Attachments.ToArray());
    }

    [Fact]
    public void A_workflow_started_without_attachments_has_none() =>
        Assert.Empty(Replayed(new StartWorkflowInput { SessionKey = "t/s", Plan = PlanFactory.Of("a"), Attachments = default }).Attachments);

    private static WorkflowState Replayed(StartWorkflowInput input)
    {
        var state = new WorkflowState();
        new WorkflowJournal().Replay(state, new WorkflowJournalEntry { Start = input });
        return state;
    }
}
