namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>The kinds of workflow steps.</summary>
[GenerateSerializer]
public enum StepKind
{
    /// <summary>An agent carries the step out with its model.</summary>
    Agent = 0,
    /// <summary>A person approves or rejects through the API; the workflow waits without holding an activation.</summary>
    Approval = 1,
}
