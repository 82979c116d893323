using Grpc.Core;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Workspaces;
using V1 = TDeveloper.Api.Grpc.V1;

namespace TDeveloper.Api.Grpc;

/// <summary>The <c>tdeveloper.v1.Workspaces</c> service over <see cref="ITDeveloperClient"/>, with the HTTP routes' rules and permissions.</summary>
public sealed class WorkspacesGrpcService(ITDeveloperClient client) : V1.Workspaces.WorkspacesBase
{
    /// <inheritdoc/>
    [GrpcPermission(Permissions.WorkspacesRead, "sessions/{session_id}/workspace")]
    public override async Task<V1.ListFilesResponse> ListFiles(V1.SessionRef request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("session_id", request.SessionId));
        var files = (await client.ListWorkspaceAsync(GrpcCaller.TenantOf(context), request.SessionId, context.CancellationToken)).OrNotFound("Session", request.SessionId);
        var message = new V1.ListFilesResponse();
        message.Files.Add(files.Select(f => f.ToMessage()));
        return message;
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.WorkspacesRead, "sessions/{session_id}/workspace/files/{path}")]
    public override async Task<V1.FileContent> ReadFile(V1.ReadFileRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var pathOk = WorkspacePath.TryNormalize(request.Path, out var normalized, out var error);
        GrpcValidation.Check(GrpcValidation.Segment("session_id", request.SessionId), pathOk ? null : GrpcValidation.Problem("path", error!));
        var tenant = GrpcCaller.TenantOf(context);
        _ = (await client.GetSessionAsync(tenant, request.SessionId, context.CancellationToken)).OrNotFound("Session", request.SessionId);
        var file = await client.ReadWorkspaceFileAsync(tenant, request.SessionId, normalized!, context.CancellationToken)
            ?? throw new GrpcRefusal(GrpcRefusalKind.NotFound, $"The workspace of session '{request.SessionId}' has no file '{normalized}'.");
        return file.ToMessage();
    }
}
