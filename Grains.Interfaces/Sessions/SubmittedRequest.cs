using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>A request that <see cref="ISessionGrain.SubmitRequestAsync"/> accepted: its workflow and its plan.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SubmittedRequest")]
public sealed record SubmittedRequest
{
    /// <summary>Gets the id (without tenant) of the workflow that carries the request out.</summary>
    [Id(0)] public string WorkflowId { get; init; } = "";

    /// <summary>Gets the supervisor's plan for the request, or the caller's own plan.</summary>
    [Id(1)] public ExecutionPlan Plan { get; init; } = new();

    /// <summary>Gets the request's status: <see cref="Workflows.WorkflowStatus.Running"/> when its workflow started, <see cref="Workflows.WorkflowStatus.Queued"/> when it waits for a free slot.</summary>
    [Id(80)] public Workflows.WorkflowStatus Status { get; init; } = Workflows.WorkflowStatus.Running;

    /// <summary>Gets the request's 1-based place in the session's queue when it was queued (1 starts next), else <see langword="null"/>.</summary>
    [Id(81)] public int? QueuePosition { get; init; }

    /// <summary>Gets the clarification the request waits for when the decision engine was not sure; <see cref="WorkflowId"/> is then empty and nothing runs until it is answered.</summary>
    [Id(70)] public Clarification? Clarification { get; init; }
}
