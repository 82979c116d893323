namespace TDeveloper.Grains.Interfaces.Workflows;

/// <summary>A person's decision on an approval step.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ApprovalDecision")]
public sealed record ApprovalDecision
{
    /// <summary>The longest comment accepted, in characters.</summary>
    public const int MaxCommentLength = 2_000;

    /// <summary>Gets the approval step's id.</summary>
    [Id(0)] public string StepId { get; init; } = "";

    /// <summary>Gets whether the step is approved; a rejection fails it (and its failure policy applies).</summary>
    [Id(1)] public bool Approved { get; init; }

    /// <summary>Gets the reviewer's comment.</summary>
    [Id(2)] public string? Comment { get; init; }

    /// <summary>Gets who decided.</summary>
    [Id(3)] public string DecidedBy { get; init; } = "anonymous";
}
