using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>Result of <see cref="ISessionGrain.SubmitRequestAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SubmitRequestResult")]
public sealed record SubmitRequestResult
{
    /// <summary>Gets how the submission ended.</summary>
    [Id(0)] public CommandOutcome Outcome { get; init; }

    /// <summary>Gets why the request was refused, when it was.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>Gets the id (without tenant) of the workflow that carries the request out.</summary>
    [Id(2)] public string? WorkflowId { get; init; }

    /// <summary>Gets the supervisor's plan for the request.</summary>
    [Id(3)] public ExecutionPlan? Plan { get; init; }

    /// <summary>Creates a refused result.</summary>
    public static SubmitRequestResult Refused(CommandOutcome outcome, string error) => new() { Outcome = outcome, Error = error };
}
