namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>Input of <see cref="IWorkflowGrain.StartAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.StartWorkflowInput")]
public sealed record StartWorkflowInput
{
    /// <summary>Gets the key (<c>{tenant}/{sessionId}</c>) of the session that owns the workflow.</summary>
    [Id(0)] public string SessionKey { get; init; } = "";

    /// <summary>Gets the request the workflow carries out.</summary>
    [Id(1)] public string RequestText { get; init; } = "";

    /// <summary>Gets the plan to run.</summary>
    [Id(2)] public WorkflowPlan Plan { get; init; } = new();

    /// <summary>Gets the request's images, audio and documents, handed to every agent step with the request.</summary>
    /// <remarks>Journalled once, with the workflow's first entry; bounded by <see cref="Sessions.RequestPartLimits"/>.</remarks>
    [Id(3)] public System.Collections.Immutable.ImmutableArray<Sessions.RequestPart> Attachments { get; init; } = [];

    /// <summary>Gets the W3C <c>traceparent</c> of the request that started the workflow, if it was traced; the workflow's later work (timers, reminders, a queued start) continues that trace.</summary>
    [Id(4)] public string? TraceParent { get; init; }
}
