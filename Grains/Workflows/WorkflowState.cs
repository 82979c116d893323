using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>The state of a workflow, rebuilt from its journal (<see cref="WorkflowJournal"/>) on activation.</summary>
[GenerateSerializer, Alias("TDeveloper.WorkflowState")]
public sealed class WorkflowState
{
    /// <summary>Gets or sets the key of the owning session.</summary>
    [Id(0)] public string SessionKey { get; set; } = "";

    /// <summary>Gets or sets the request the workflow carries out.</summary>
    [Id(1)] public string RequestText { get; set; } = "";

    /// <summary>Gets or sets the plan.</summary>
    [Id(2)] public WorkflowPlan Plan { get; set; } = new();

    /// <summary>Gets or sets the workflow's state.</summary>
    [Id(3)] public WorkflowStatus Status { get; set; }

    /// <summary>Gets or sets each step's state by step id.</summary>
    [Id(4)] public Dictionary<string, StepState> Steps { get; set; } = [];

    /// <summary>Gets or sets when the workflow started.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the workflow reached a final state.</summary>
    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Gets or sets why the workflow failed or was cancelled.</summary>
    [Id(7)] public string? Error { get; set; }

    /// <summary>Gets or sets the completed steps still to undo, next first, while compensating.</summary>
    [Id(8)] public List<string> CompensationQueue { get; set; } = [];

    /// <summary>Gets or sets the step whose compensation has been handed to its agent, while compensating.</summary>
    [Id(9)] public string? CompensationInFlight { get; set; }

    /// <summary>Gets or sets the request's images, audio and documents, from the workflow's input.</summary>
    [Id(10)] public System.Collections.Immutable.ImmutableArray<Interfaces.Sessions.RequestPart> Attachments { get; set; } = [];

    /// <summary>Gets or sets the W3C <c>traceparent</c> of the request that started the workflow (from its start entry), for spans of work no request carries.</summary>
    [Id(11)] public string? TraceParent { get; set; }
}
