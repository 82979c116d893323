using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Sessions.Monitoring;

/// <summary>What a session's monitoring keeps of one of its workflows: its step counts, usage and agents.</summary>
public sealed record WorkflowFigures
{
    /// <summary>Gets the workflow's status when it was read.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>Gets when it finished, if it has.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets its steps that finished: completed, failed or compensated.</summary>
    public int FinishedSteps { get; init; }

    /// <summary>Gets its steps that failed after their last attempt.</summary>
    public int FailedSteps { get; init; }

    /// <summary>Gets the tokens and cost of its steps.</summary>
    public ModelUsage Usage { get; init; } = ModelUsage.None;

    /// <summary>Gets the agents its agent steps run on.</summary>
    public ImmutableArray<string> Agents { get; init; } = [];

    /// <summary>Gets whether the figures can no longer change: the workflow had finished when read.</summary>
    public bool Final => Status != WorkflowStatus.None && !Status.IsActive();

    /// <summary>Counts a workflow's steps.</summary>
    public static WorkflowFigures Of(WorkflowSnapshot workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new()
        {
            Status = workflow.Status,
            FinishedAt = workflow.FinishedAt,
            FinishedSteps = workflow.Steps.Count(s => IsFinished(s.Status)),
            FailedSteps = workflow.Steps.Count(s => s.Status == StepStatus.Failed),
            Usage = workflow.Steps.Aggregate(ModelUsage.None, (sum, s) => sum + (s.Usage ?? ModelUsage.None)),
            Agents = [.. workflow.Steps.Where(s => s.Kind == StepKind.Agent).Select(s => s.Instance ?? s.Agent).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>Gets whether a step in this status has finished for the error rate: completed, failed, or completed then compensated.</summary>
    public static bool IsFinished(StepStatus status) => status is StepStatus.Completed or StepStatus.Failed or StepStatus.Compensated;
}
