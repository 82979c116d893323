using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>Result of a command on a workflow: the outcome, a reason when it was refused, and the workflow afterwards.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.WorkflowCommandResult")]
public sealed record WorkflowCommandResult
{
    /// <summary>Gets how the command ended.</summary>
    [Id(0)] public CommandOutcome Outcome { get; init; }

    /// <summary>Gets why the command was refused, when it was.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>Gets the workflow after the command, when it exists.</summary>
    [Id(2)] public WorkflowSnapshot? Workflow { get; init; }

    /// <summary>Creates a successful result.</summary>
    public static WorkflowCommandResult Ok(WorkflowSnapshot workflow) => new() { Outcome = CommandOutcome.Ok, Workflow = workflow };

    /// <summary>Creates a refused result.</summary>
    public static WorkflowCommandResult Refused(CommandOutcome outcome, string error, WorkflowSnapshot? workflow = null) =>
        new() { Outcome = outcome, Error = error, Workflow = workflow };
}
