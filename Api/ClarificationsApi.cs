using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>The clarification routes: answer the question a request the decision engine was not sure about waits for.</summary>
internal static class ClarificationsApi
{
    public static RouteGroupBuilder MapClarificationsApi(this RouteGroupBuilder v1)
    {
        var sessions = v1.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("/{id}/clarifications/{clarificationId}", AnswerAsync).WithName("AnswerClarification")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}/requests")
            .WithSummary("Answer a pending clarification (more words, or the agent types to use): the waiting request is decided again with the answer and its workflow started")
            .ProducesBodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<Results<Accepted<SubmittedRequest>, ProblemHttpResult>> AnswerAsync(
        [AsParameters] ClarificationTarget target, [FromBody] ClarificationAnswerBody body, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var answer = new ClarificationAnswer { Text = body.Text, Agents = body.Agents.IsDefault ? [] : body.Agents };
        var result = await client.AnswerClarificationAsync(target.Tenant, target.Id, target.ClarificationId, answer, cancellationToken);
        return result.IsOk ? TypedResults.Accepted($"/v1/workflows/{result.Value.WorkflowId}", result.Value) : result.ToProblem();
    }
}

/// <summary>A clarification addressed by the route's <c>{id}</c> (its session) and <c>{clarificationId}</c>, in the caller's tenant.</summary>
public sealed class ClarificationTarget
{
    /// <summary>Gets or sets the session id (without tenant).</summary>
    [FromRoute(Name = "id"), GrainKeySegment, Display(Name = "id")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the clarification id.</summary>
    [FromRoute(Name = "clarificationId"), GrainKeySegment, Display(Name = "clarificationId")]
    public string ClarificationId { get; set; } = "";

    /// <summary>Gets or sets the caller's tenant, bound from the authenticated principal.</summary>
    public CallerTenant Caller { get; set; } = CallerTenant.None;

    /// <summary>Gets the caller's tenant.</summary>
    public string Tenant => Caller.Value;
}

/// <summary>The body of <c>POST /v1/sessions/{id}/clarifications/{clarificationId}</c>: a text, agent types, or both.</summary>
public sealed record ClarificationAnswerBody
{
    /// <summary>Gets or sets the answer in words; it is added to the request text.</summary>
    [MaxLength(SubmitRequestInput.MaxTextLength)]
    public string? Text { get; init; }

    /// <summary>Gets or sets the agent types to use (for example <c>["TestAgent"]</c>).</summary>
    [MaxLength(16)]
    public ImmutableArray<string> Agents { get; init; } = [];
}
