namespace TDeveloper.Grains.Workflows;

/// <summary>
/// Turns the changes the engine made to a <see cref="WorkflowState"/> into a journal entry holding only what
/// changed, and entries back into state. It remembers the state as last written to tell what changed.
/// </summary>
public sealed class WorkflowJournal
{
    private static readonly StepState Untouched = new();
    private readonly Dictionary<string, StepState> _writtenSteps = [];
    private WorkflowHeader _writtenHeader = new();

    /// <summary>Applies a stored entry to <paramref name="state"/> and remembers it as written.</summary>
    public void Replay(WorkflowState state, WorkflowJournalEntry entry)
    {
        if (entry.Start is { } start)
        {
            state.SessionKey = start.SessionKey;
            state.RequestText = start.RequestText;
            state.Attachments = start.Attachments.IsDefault ? [] : start.Attachments;
            state.TraceParent = start.TraceParent;
            state.Plan = start.Plan;
            state.CreatedAt = entry.CreatedAt ?? default;
            state.Steps = start.Plan.Steps.ToDictionary(s => s.Id, _ => new StepState());
        }

        entry.Header?.ApplyTo(state);
        foreach (var (id, step) in entry.Steps) state.Steps[id] = step with { };
        Accept(entry);
    }

    /// <summary>Gets an entry with what changed in <paramref name="state"/> since the last written one (possibly nothing).</summary>
    public WorkflowJournalEntry Diff(WorkflowState state)
    {
        var entry = new WorkflowJournalEntry();
        var header = WorkflowHeader.Of(state);
        if (!header.Equals(_writtenHeader)) entry.Header = header;
        foreach (var (id, step) in state.Steps)
        {
            if (!step.Equals(_writtenSteps.GetValueOrDefault(id, Untouched))) entry.Steps[id] = step with { };
        }

        return entry;
    }

    /// <summary>Remembers <paramref name="entry"/> as written.</summary>
    public void Accept(WorkflowJournalEntry entry)
    {
        if (entry.Header is { } header) _writtenHeader = header;
        foreach (var (id, step) in entry.Steps) _writtenSteps[id] = step;
    }
}
