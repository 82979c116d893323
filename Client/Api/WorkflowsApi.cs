using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Client;

/// <summary>The workflow routes: read and cancel.</summary>
internal static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this RouteGroupBuilder v1)
    {
        var workflows = v1.MapGroup("/workflows").WithTags("Workflows");
        workflows.MapGet("/{id}", GetWorkflowAsync).WithName("GetWorkflow").WithSummary("Get a workflow and its steps")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapDelete("/{id}", CancelWorkflowAsync).WithName("CancelWorkflow")
            .WithSummary("Cancel a running workflow; a finished one is returned unchanged")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> GetWorkflowAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetWorkflowAsync(target.Tenant, target.Id, cancellationToken), "Workflow", target.Id);

    private static async Task<Results<Ok<WorkflowSnapshot>, ProblemHttpResult>> CancelWorkflowAsync(
        [AsParameters] ResourceTarget target, [MaxLength(SessionsApi.MaxReasonLength)] string? reason, ITDeveloperClient client,
        CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(
            await client.CancelWorkflowAsync(target.Tenant, target.Id, reason ?? SessionsApi.DefaultReason, cancellationToken), "Workflow", target.Id);
}
