using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>One step of a plan: an agent, what it is asked, and the steps it waits for.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.PlanStep")]
public sealed record PlanStep
{
    /// <summary>Gets the step id, unique in its plan (for example "code").</summary>
    [Id(0)] public string Id { get; init; } = "";

    /// <summary>Gets the name of the agent that runs the step (for example "CodeAgent").</summary>
    [Id(1)] public string Agent { get; init; } = "";

    /// <summary>Gets what the agent is asked to do.</summary>
    [Id(2)] public string Instruction { get; init; } = "";

    /// <summary>Gets the ids of the steps that must complete before this one starts.</summary>
    [Id(3)] public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Gets the ids of the steps that must have finished, successfully or not, before this one starts.</summary>
    [Id(4)] public ImmutableArray<string> SoftDependsOn { get; init; } = [];

    /// <summary>
    /// Gets a condition over earlier steps' results; the step runs only if it holds, and is skipped otherwise.
    /// For example <c>steps.test.status == 'Completed' &amp;&amp; !(steps.security.output contains 'critical')</c>.
    /// </summary>
    [Id(5)] public string? Condition { get; init; }

    /// <summary>Gets what kind of step this is. Default <see cref="StepKind.Agent"/>.</summary>
    [Id(6)] public StepKind Kind { get; init; }

    /// <summary>Gets how long one attempt may run; the workflow default (300 s) when not set.</summary>
    [Id(7)] public TimeSpan? Timeout { get; init; }

    /// <summary>Gets how many attempts the step gets, the first included; the workflow default (3) when not set.</summary>
    [Id(8)] public int? MaxAttempts { get; init; }

    /// <summary>Gets what happens when the step fails after its last attempt. Default <see cref="FailurePolicy.Fail"/>.</summary>
    [Id(9)] public FailurePolicy OnFailure { get; init; }

    /// <summary>Gets what the step's agent is asked to do to undo the step, if the workflow is compensated after it completed.</summary>
    [Id(10)] public string? CompensationInstruction { get; init; }

    /// <summary>Gets the models to use for the step, in order, instead of the router's choice (catalog ids; one pins a model, several form a chain).</summary>
    [Id(11)] public ImmutableArray<string> Models { get; init; } = [];
}
