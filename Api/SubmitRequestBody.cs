using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api;

/// <summary>The body of <c>POST /v1/sessions/{id}/requests</c>.</summary>
public sealed record SubmitRequestBody
{
    /// <summary>Gets or sets the request in plain words, for example "add a login API with tests".</summary>
    /// <remarks>At most <see cref="SubmitRequestInput.MaxTextLength"/> characters; the request needs this text or a text part.</remarks>
    [MaxLength(SubmitRequestInput.MaxTextLength)]
    public string? Text { get; init; }

    /// <summary>Gets the name of a plan template to run instead of the supervisor's own plan (see <c>GET /v1/templates</c>).</summary>
    [GrainKeySegment]
    public string? Template { get; init; }

    /// <summary>Gets an explicit plan to run instead of the supervisor's; it is validated and every problem is reported.</summary>
    public WorkflowPlan? Plan { get; init; }

    /// <summary>Gets the request's typed parts: more text, and images, audio or documents in base64 (see <see cref="RequestPartLimits"/>).</summary>
    /// <remarks>Their count and sizes are checked by <see cref="RequestPartsBinder"/> (every part's problem named); each part's fields by their attributes.</remarks>
    public List<SubmitRequestPartBody>? Parts { get; init; }

    /// <summary>Gets the request's priority when it has to wait for a free slot: Critical, High, Normal (the default) or Low.</summary>
    public Grains.Interfaces.Queueing.RequestPriority? Priority { get; init; }

    /// <summary>Gets when the request should have started at the latest (ISO 8601); within 5 min of it a waiting request's priority doubles; a deadline in the past is refused (400).</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Gets the grain input this body asks for, with its parts already checked at the edge.</summary>
    public SubmitRequestInput ToInput(ImmutableArray<RequestPart> parts) => new() { Text = Text ?? "", Template = Template, Plan = Plan, Parts = parts, Priority = Priority ?? default, Deadline = Deadline };
}
