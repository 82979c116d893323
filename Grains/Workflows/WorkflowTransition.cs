using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Workflows;

/// <summary>A change the engine made, to be announced once it is persisted.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Status">The new status, as text.</param>
/// <param name="StepId">The step, for step changes.</param>
/// <param name="Agent">The step's agent, for step changes.</param>
/// <param name="Attempt">The attempt, for step changes.</param>
/// <param name="Message">A short human message.</param>
/// <param name="Compensation">Whether a started step is the step's compensation rather than the step.</param>
public sealed record WorkflowTransition(SessionEventKind Kind, string Status, string? StepId = null, string? Agent = null, int? Attempt = null, string? Message = null, bool Compensation = false)
{
    /// <summary>Gets whether the transition hands work to an agent.</summary>
    public bool IsDispatch => Kind == SessionEventKind.StepStarted;
}
