namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>Input of <see cref="ISessionGrain.SubmitRequestAsync"/>: a development request in plain words.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SubmitRequestInput")]
public sealed record SubmitRequestInput
{
    /// <summary>The longest request text accepted, in characters.</summary>
    public const int MaxTextLength = 16_000;

    /// <summary>Gets the request, for example "add a login API with tests".</summary>
    [Id(0)] public string Text { get; init; } = "";

    /// <summary>Gets the name of a plan template to use instead of the supervisor's own planning.</summary>
    [Id(1)] public string? Template { get; init; }

    /// <summary>Gets an explicit plan to run instead of the supervisor's (validated like any other).</summary>
    [Id(2)] public Workflows.WorkflowPlan? Plan { get; init; }

    /// <summary>Gets the request's typed parts beyond <see cref="Text"/>: more text, images, audio, documents.</summary>
    /// <remarks>Empty for a text-only request. Checked against <see cref="RequestPartLimits"/>; text parts are appended to <see cref="Text"/>.</remarks>
    [Id(3)] public System.Collections.Immutable.ImmutableArray<RequestPart> Parts { get; init; } = [];

    /// <summary>Gets the request's priority when it has to wait for a free slot; default <see cref="Queueing.RequestPriority.Normal"/>.</summary>
    [Id(80)] public Queueing.RequestPriority Priority { get; init; }

    /// <summary>Gets when the request should have started at the latest: within 5 min of it a waiting request's priority doubles. It must not be in the past.</summary>
    [Id(81)] public DateTimeOffset? Deadline { get; init; }
}
