using Grpc.Core;
using TDeveloper.Grains.Interfaces.Security;
using V1 = TDeveloper.Api.Grpc.V1;

namespace TDeveloper.Api.Grpc;

/// <summary>The <c>tdeveloper.v1.Workflows</c> service over <see cref="ITDeveloperClient"/>, with the HTTP routes' rules and permissions.</summary>
public sealed class WorkflowsGrpcService(ITDeveloperClient client) : V1.Workflows.WorkflowsBase
{
    /// <inheritdoc/>
    [GrpcPermission(Permissions.WorkflowsRead, "workflows/{workflow_id}")]
    public override async Task<V1.Workflow> GetWorkflow(V1.WorkflowRef request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("workflow_id", request.WorkflowId));
        return (await client.GetWorkflowAsync(GrpcCaller.TenantOf(context), request.WorkflowId, context.CancellationToken)).OrNotFound("Workflow", request.WorkflowId).ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.WorkflowsCancel, "workflows/{workflow_id}")]
    public override async Task<V1.Workflow> CancelWorkflow(V1.CancelWorkflowRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("workflow_id", request.WorkflowId), GrpcValidation.MaxLength("reason", request.Reason, SessionsApi.MaxReasonLength));
        var reason = request.Reason.Length == 0 ? SessionsApi.DefaultReason : request.Reason;
        return (await client.CancelWorkflowAsync(GrpcCaller.TenantOf(context), request.WorkflowId, reason, context.CancellationToken)).OrThrow().ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.WorkflowsApprove, "workflows/{workflow_id}/steps/{step_id}")]
    public override async Task<V1.Workflow> DecideApproval(V1.DecideApprovalRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var body = GrpcValidation.Valid(
            new ApprovalBody { Approved = request.HasApproved ? request.Approved : null, Comment = request.Comment.Length == 0 ? null : request.Comment, DecidedBy = request.DecidedBy.Length == 0 ? null : request.DecidedBy },
            GrpcValidation.Segment("workflow_id", request.WorkflowId),
            GrpcValidation.Segment("step_id", request.StepId));
        return (await client.DecideAsync(GrpcCaller.TenantOf(context), request.WorkflowId, body.ToDecision(request.StepId), context.CancellationToken)).OrThrow().ToMessage();
    }
}
