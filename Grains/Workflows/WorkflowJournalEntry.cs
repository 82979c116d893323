using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Workflows;

/// <summary>
/// One write of a workflow: what one command or one agent result changed, the events that change produced
/// (its outbox), and how far earlier events were delivered. Entries are written once and replayed in order.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.WorkflowJournalEntry")]
public sealed class WorkflowJournalEntry : IPersistedRecord
{
    /// <summary>Gets or sets the workflow's input, in the first entry only.</summary>
    [Id(0)] public StartWorkflowInput? Start { get; set; }

    /// <summary>Gets or sets when the workflow started, in the first entry only.</summary>
    [Id(1)] public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Gets or sets the workflow-level state, when it changed.</summary>
    [Id(2)] public WorkflowHeader? Header { get; set; }

    /// <summary>Gets or sets the new state of each step that changed.</summary>
    [Id(3)] public Dictionary<string, StepState> Steps { get; set; } = [];

    /// <summary>Gets or sets the events the change produced, numbered in the workflow's outbox from <see cref="FirstEventSequence"/>.</summary>
    [Id(4)] public List<SessionEvent> Events { get; set; } = [];

    /// <summary>Gets or sets the outbox sequence of the first of <see cref="Events"/>.</summary>
    [Id(5)] public long FirstEventSequence { get; set; }

    /// <summary>Gets or sets the outbox sequence through which the session's log had acknowledged events when this entry was written.</summary>
    [Id(6)] public long EventsDeliveredThrough { get; set; }
}
