using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Interfaces.Sessions.Reports;

/// <summary>One step of one of the session's workflows, as the report shows it.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionReportStep")]
public sealed record SessionReportStep
{
    /// <summary>Gets the workflow the step belongs to (without tenant).</summary>
    [Id(0)] public string WorkflowId { get; init; } = "";

    /// <summary>Gets the step id.</summary>
    [Id(1)] public string StepId { get; init; } = "";

    /// <summary>Gets the agent that runs it.</summary>
    [Id(2)] public string Agent { get; init; } = "";

    /// <summary>Gets the step's state.</summary>
    [Id(3)] public StepStatus Status { get; init; }

    /// <summary>Gets how many attempts were started.</summary>
    [Id(4)] public int Attempts { get; init; }

    /// <summary>Gets when the current or last attempt started.</summary>
    [Id(5)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when it completed or failed.</summary>
    [Id(6)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the last attempt's duration, once it finished.</summary>
    [Id(7)] public TimeSpan? Duration { get; init; }

    /// <summary>Gets the tokens and cost of all its attempts.</summary>
    [Id(8)] public ModelUsage Usage { get; init; } = ModelUsage.None;

    /// <summary>Gets the last error, if any.</summary>
    [Id(9)] public string? Error { get; init; }
}
