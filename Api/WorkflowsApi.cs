using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api;

/// <summary>The workflow routes: read and cancel.</summary>
internal static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this RouteGroupBuilder v1)
    {
        var workflows = v1.MapGroup("/workflows").WithTags("Workflows");
        workflows.MapGet("/{id}", GetWorkflowAsync).WithName("GetWorkflow")
            .RequirePermission(Permissions.WorkflowsRead, "workflows/{id}").WithSummary("Get a workflow and its steps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapDelete("/{id}", CancelWorkflowAsync).WithName("CancelWorkflow")
            .RequirePermission(Permissions.WorkflowsCancel, "workflows/{id}")
            .WithSummary("Cancel a running workflow; a finished one is returned unchanged")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapPost("/{id}/pause", PauseWorkflowAsync).WithName("PauseWorkflow")
            .RequirePermission(Permissions.WorkflowsWrite, "workflows/{id}")
            .WithSummary("Pause a running workflow: no new step starts; running steps finish")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        workflows.MapPost("/{id}/resume", ResumeWorkflowAsync).WithName("ResumeWorkflow")
            .RequirePermission(Permissions.WorkflowsWrite, "workflows/{id}").WithSummary("Resume a paused workflow")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        workflows.MapPost("/{id}/steps/{stepId}/approval", DecideAsync).WithName("DecideApproval")
            .RequirePermission(Permissions.WorkflowsApprove, "workflows/{id}/steps/{stepId}")
            .WithSummary("Approve or reject an approval step that waits for a decision")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesBodyProblems();
        return v1;
    }

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> PauseWorkflowAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.PauseWorkflowAsync(target.Tenant, target.Id, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> ResumeWorkflowAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.ResumeWorkflowAsync(target.Tenant, target.Id, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> DecideAsync(
        [AsParameters] ResourceTarget target, [GrainKeySegment] string stepId, ApprovalBody body, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.DecideAsync(target.Tenant, target.Id, body.ToDecision(stepId), cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> GetWorkflowAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetWorkflowAsync(target.Tenant, target.Id, cancellationToken), "Workflow", target.Id);

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> CancelWorkflowAsync(
        [AsParameters] ResourceTarget target, [MaxLength(SessionsApi.MaxReasonLength)] string? reason, ITDeveloperClient client,
        CancellationToken cancellationToken) =>
        (await client.CancelWorkflowAsync(target.Tenant, target.Id, reason ?? SessionsApi.DefaultReason, cancellationToken)).ToHttpResult();
}
