using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

/// <summary>The workflow-level part of a <see cref="WorkflowState"/>, written to the journal when it changes.</summary>
[GenerateSerializer, Alias("TDeveloper.WorkflowHeader")]
public sealed record WorkflowHeader
{
    /// <summary>Gets the workflow's state.</summary>
    [Id(0)] public WorkflowStatus Status { get; init; }

    /// <summary>Gets when the workflow reached a final state.</summary>
    [Id(1)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets why the workflow failed or was cancelled.</summary>
    [Id(2)] public string? Error { get; init; }

    /// <summary>Gets the completed steps still to undo, next first, while compensating.</summary>
    [Id(3)] public List<string> CompensationQueue { get; init; } = [];

    /// <summary>Gets the step whose compensation is with its agent.</summary>
    [Id(4)] public string? CompensationInFlight { get; init; }

    /// <summary>Gets the header of <paramref name="state"/>.</summary>
    public static WorkflowHeader Of(WorkflowState state) => new()
    {
        Status = state.Status,
        FinishedAt = state.FinishedAt,
        Error = state.Error,
        CompensationQueue = [.. state.CompensationQueue],
        CompensationInFlight = state.CompensationInFlight,
    };

    /// <summary>Copies the header into <paramref name="state"/>.</summary>
    public void ApplyTo(WorkflowState state)
    {
        state.Status = Status;
        state.FinishedAt = FinishedAt;
        state.Error = Error;
        state.CompensationQueue = [.. CompensationQueue];
        state.CompensationInFlight = CompensationInFlight;
    }

    /// <inheritdoc/>
    public bool Equals(WorkflowHeader? other) =>
        other is not null && Status == other.Status && FinishedAt == other.FinishedAt && Error == other.Error &&
        CompensationInFlight == other.CompensationInFlight && CompensationQueue.SequenceEqual(other.CompensationQueue);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, FinishedAt, Error, CompensationInFlight, CompensationQueue.Count);
}
