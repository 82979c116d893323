using Grpc.Core;
using TDeveloper.Grains.Interfaces.Queueing;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;
using V1 = TDeveloper.Api.Grpc.V1;

namespace TDeveloper.Api.Grpc;

/// <summary>The <c>tdeveloper.v1.Sessions</c> service over <see cref="ITDeveloperClient"/>, with the HTTP routes' rules and permissions.</summary>
public sealed class SessionsGrpcService(ITDeveloperClient client) : V1.Sessions.SessionsBase
{
    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsWrite, "sessions")]
    public override async Task<V1.Session> CreateSession(V1.CreateSessionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var body = GrpcValidation.Valid(new CreateSessionBody { Owner = request.Owner, Title = request.Title });
        return (await client.CreateSessionAsync(GrpcCaller.TenantOf(context), body.ToInput(), context.CancellationToken)).OrThrow().ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsRead, "sessions/{session_id}")]
    public override async Task<V1.Session> GetSession(V1.GetSessionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("session_id", request.SessionId));
        return (await client.GetSessionAsync(GrpcCaller.TenantOf(context), request.SessionId, context.CancellationToken)).OrNotFound("Session", request.SessionId).ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsRead, "sessions")]
    public override async Task<V1.ListSessionsResponse> ListSessions(V1.ListSessionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var statusOk = SessionStatusFilter.TryParse(request.Status.Length == 0 ? null : request.Status, out var status, out var statusError);
        GrpcValidation.Check(
            statusOk ? null : GrpcValidation.Problem("status", statusError),
            GrpcValidation.MaxLength("owner", request.Owner, CreateSessionBody.MaxOwnerLength),
            GrpcValidation.MaxLength("cursor", request.Cursor, 256),
            request.Limit is < 0 or > SessionQuery.MaxLimit ? GrpcValidation.Problem("limit", $"limit must be between 1 and {SessionQuery.MaxLimit} (0 for the default).") : null);
        var query = new SessionQuery
        {
            Status = status,
            Owner = request.Owner.Length == 0 ? null : request.Owner,
            Limit = request.Limit == 0 ? SessionQuery.DefaultLimit : request.Limit,
            Cursor = request.Cursor.Length == 0 ? null : request.Cursor,
        };
        return (await client.ListSessionsAsync(GrpcCaller.TenantOf(context), query, context.CancellationToken)).OrThrow().ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsWrite, "sessions/{session_id}")]
    public override async Task<V1.Session> PauseSession(V1.SessionRef request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("session_id", request.SessionId));
        return (await client.PauseSessionAsync(GrpcCaller.TenantOf(context), request.SessionId, context.CancellationToken)).OrThrow().ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsWrite, "sessions/{session_id}")]
    public override async Task<V1.Session> ResumeSession(V1.SessionRef request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("session_id", request.SessionId));
        return (await client.ResumeSessionAsync(GrpcCaller.TenantOf(context), request.SessionId, context.CancellationToken)).OrThrow().ToMessage();
    }

    /// <inheritdoc/>
    /// <remarks>Declares sessions:write (completing, <c>POST /v1/sessions/{id}/complete</c>); cancelling also needs sessions:cancel, as <c>DELETE /v1/sessions/{id}</c> does.</remarks>
    [GrpcPermission(Permissions.SessionsWrite, "sessions/{session_id}")]
    public override async Task<V1.Session> EndSession(V1.EndSessionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(GrpcValidation.Segment("session_id", request.SessionId), GrpcValidation.MaxLength("reason", request.Reason, SessionsApi.MaxReasonLength));
        var tenant = GrpcCaller.TenantOf(context);
        if (!request.Cancel) return (await client.CompleteSessionAsync(tenant, request.SessionId, context.CancellationToken)).OrThrow().ToMessage();

        await GrpcPermissionInterceptor.RequireAsync(context, Permissions.SessionsCancel, "sessions/{session_id}", request);
        var reason = request.Reason.Length == 0 ? SessionsApi.DefaultReason : request.Reason;
        return (await client.CancelSessionAsync(tenant, request.SessionId, reason, context.CancellationToken)).OrThrow().ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsWrite, "sessions/{session_id}/requests")]
    public override async Task<V1.SubmittedRequest> SubmitRequest(V1.SubmitRequestRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        RequestPriority? priority = null;
        var priorityOk = request.Priority.Length == 0
            || (Enum.TryParse<RequestPriority>(request.Priority, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(request.Priority[0]) && (priority = parsed) is not null);
        var body = GrpcValidation.Valid(
            new SubmitRequestBody
            {
                Text = request.Text,
                Template = request.Template.Length == 0 ? null : request.Template,
                Priority = priority,
                Deadline = request.Deadline?.ToDateTimeOffset(),
            },
            GrpcValidation.Segment("session_id", request.SessionId),
            priorityOk ? null : GrpcValidation.Problem("priority", $"priority must be one of {string.Join(", ", Enum.GetNames<RequestPriority>())}."));
        var submitted = (await client.SubmitRequestAsync(GrpcCaller.TenantOf(context), request.SessionId, body.ToInput([]), context.CancellationToken)).OrThrow();
        return submitted.ToMessage();
    }

    /// <inheritdoc/>
    [GrpcPermission(Permissions.SessionsRead, "sessions/{session_id}/events")]
    public override async Task Watch(V1.WatchRequest request, IServerStreamWriter<V1.SessionEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        GrpcValidation.Check(
            GrpcValidation.Segment("session_id", request.SessionId),
            request.AfterSequence < 0 ? GrpcValidation.Problem("after_sequence", "after_sequence must be 0 or more.") : null);
        var tenant = GrpcCaller.TenantOf(context);
        _ = (await client.GetSessionAsync(tenant, request.SessionId, context.CancellationToken)).OrNotFound("Session", request.SessionId);
        try
        {
            await foreach (var e in client.WatchSessionAsync(tenant, request.SessionId, request.AfterSequence, context.CancellationToken))
                await responseStream.WriteAsync(e.ToMessage(), context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the caller went away: the stream ends, as the SSE route's does
        }
    }
}
