using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api;

/// <summary>The body of <c>POST /v1/workflows/{id}/steps/{stepId}/approval</c>.</summary>
public sealed record ApprovalBody
{
    /// <summary>Gets whether the step is approved (true) or rejected (false).</summary>
    [Required]
    public bool? Approved { get; init; }

    /// <summary>Gets the reviewer's comment.</summary>
    [MaxLength(ApprovalDecision.MaxCommentLength)]
    public string? Comment { get; init; }

    /// <summary>Gets who decides; "anonymous" when not given.</summary>
    [MaxLength(128)]
    public string? DecidedBy { get; init; }

    /// <summary>Creates the decision on <paramref name="stepId"/>.</summary>
    public ApprovalDecision ToDecision(string stepId) => new() { StepId = stepId, Approved = Approved ?? false, Comment = Comment, DecidedBy = DecidedBy ?? "anonymous" };
}
