using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Unit.Tests;

public class WorkflowJournalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_entry_holds_only_the_steps_that_changed_and_replaying_the_entries_rebuilds_the_state()
    {
        var input = new StartWorkflowInput { SessionKey = "t/s", RequestText = "r", Plan = PlanFactory.Of("a", "b", "c:a,b") };
        var state = new WorkflowState();
        var run = new WorkflowExecution(state, new WorkflowOptions());
        var journal = new WorkflowJournal();
        var entries = new List<WorkflowJournalEntry>();

        WorkflowJournalEntry Write(StartWorkflowInput? start = null)
        {
            var entry = journal.Diff(state);
            entry.Start = start;
            entry.CreatedAt = start is null ? null : state.CreatedAt;
            journal.Accept(entry);
            entries.Add(entry);
            return entry;
        }

        run.Start(input, T0);
        run.Advance(T0);
        var first = Write(input);
        Assert.Equal(["a", "b"], first.Steps.Keys.Order());
        Assert.NotNull(first.Header);

        run.Apply(new StepResult { StepId = "a", Attempt = 1, Succeeded = true, Output = "A" }, T0, 0.5);
        var second = Write();
        Assert.Equal(["a"], second.Steps.Keys);
        Assert.Null(second.Header);

        run.Apply(new StepResult { StepId = "b", Attempt = 1, Succeeded = true, Output = "B" }, T0, 0.5);
        Assert.Equal(["b", "c"], Write().Steps.Keys.Order());
        run.Apply(new StepResult { StepId = "c", Attempt = 1, Succeeded = true, Output = "C" }, T0, 0.5);
        var last = Write();
        Assert.Equal(WorkflowStatus.Completed, last.Header!.Status);
        Assert.Empty(new WorkflowJournal { }.Diff(new WorkflowState()).Steps);

        var replayed = new WorkflowState();
        var replayJournal = new WorkflowJournal();
        foreach (var entry in entries) replayJournal.Replay(replayed, entry);

        Assert.Equal(state.Status, replayed.Status);
        Assert.Equal(state.FinishedAt, replayed.FinishedAt);
        Assert.Equal(state.Steps, replayed.Steps);
        Assert.Equal(["A", "B", "C"], replayed.Steps.Values.Select(s => s.Output));
        var nothingChanged = replayJournal.Diff(replayed);
        Assert.Null(nothingChanged.Header);
        Assert.Empty(nothingChanged.Steps);
    }
}
