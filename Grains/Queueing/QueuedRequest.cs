using TDeveloper.Grains.Interfaces.Queueing;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Queueing;

/// <summary>A request that waits in its session's queue for a free slot, stored with the session so no silo loss drops it.</summary>
/// <remarks>It holds what starting its workflow needs (the prepared text, the validated plan, the attachments); they are sealed at rest like the session's other request texts.</remarks>
[GenerateSerializer, Alias("TDeveloper.QueuedRequest")]
public sealed class QueuedRequest
{
    /// <summary>Gets or sets the workflow id (without tenant) the request will run as; its <c>RequestRecord</c> has the same id.</summary>
    [Id(0)] public string WorkflowId { get; set; } = "";

    /// <summary>Gets or sets the level asked for.</summary>
    [Id(1)] public RequestPriority Priority { get; set; }

    /// <summary>Gets or sets the deadline asked for, if any.</summary>
    [Id(2)] public DateTimeOffset? Deadline { get; set; }

    /// <summary>Gets or sets when the request was queued.</summary>
    [Id(3)] public DateTimeOffset QueuedAt { get; set; }

    /// <summary>Gets or sets the order of queueing in the session (FIFO among equals).</summary>
    [Id(4)] public long Sequence { get; set; }

    /// <summary>Gets or sets the workflow's start: text, plan and attachments.</summary>
    [Id(5)] public StartWorkflowInput Start { get; set; } = new();

    /// <summary>Gets or sets whether the request was seen still waiting past its deadline (raised once).</summary>
    [Id(6)] public bool DeadlineMissed { get; set; }
}
