using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>The session routes: create, list, read, submit requests, pause, resume, complete and cancel.</summary>
internal static class SessionsApi
{
    /// <summary>The longest cancellation reason accepted, in characters.</summary>
    public const int MaxReasonLength = 256;

    /// <summary>The cancellation reason used when the caller names none.</summary>
    public const string DefaultReason = "requested through the API";

    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder v1, long submitBodyLimit)
    {
        var sessions = v1.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("", CreateSessionAsync).WithName("CreateSession")
            .RequirePermission(Permissions.SessionsWrite, "sessions").WithSummary("Create a session")
            .ProducesBodyProblems().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        sessions.MapGet("", ListSessionsAsync).WithName("ListSessions")
            .RequirePermission(Permissions.SessionsRead, "sessions")
            .WithSummary("List the caller's tenant's sessions, newest first: paged ('limit' up to 200, 'cursor' from the last page's 'next'), filtered by 'status', 'owner' and creation time ('from' inclusive, 'to' exclusive)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        sessions.MapGet("/{id}", GetSessionAsync).WithName("GetSession")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}").WithSummary("Get a session")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/{id}/agents", GetAgentsAsync).WithName("GetSessionAgents")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/agents")
            .WithSummary("Get the statistics of the agents that worked on the session: tasks, failures, model time, tokens")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/{id}/agents/pool", GetAgentPoolAsync).WithName("GetSessionAgentPool")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/agents")
            .WithSummary("Get the session's agent instances: tasks in flight, capacity, silo load and the balancing strategy of each type")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/{id}/usage", GetUsageAsync).WithName("GetSessionUsage")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/usage")
            .WithSummary("Get the tokens and cost of the session's steps, in total, per model and per workflow")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapGet("/{id}/report", GetReportAsync).WithName("GetSessionReport")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}")
            .WithSummary("Get the session's report: timeline (status changes, requests, alerts), steps, totals (tokens, cost, errors, duration, memory), checkpoints and current alerts")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("/{id}/requests", SubmitRequestAsync).WithName("SubmitRequest")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}/requests")
            .WithSummary("Submit a development request (text, and images, audio or documents as parts, in JSON or multipart/form-data); it is planned and its workflow started")
            .WithFormBodyDocumented()
            .WithMetadata(new RequestSizeLimitAttribute(submitBodyLimit))
            .ProducesBodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        sessions.MapDelete("/{id}/requests/{workflowId}", CancelQueuedRequestAsync).WithName("CancelQueuedRequest")
            .RequirePermission(Permissions.SessionsCancel, "sessions/{id}/requests/{workflowId}")
            .WithSummary("Cancel a request that waits in the session's queue: it leaves the queue and its workflow never starts")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id}/requests", SubmitFormRequestAsync).WithName("SubmitRequestForm")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}/requests")
            .WithSummary("Submit a development request as multipart/form-data: a 'text' field (and 'template') plus files")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ExcludeFromDescription()
            .WithMetadata(new RequestSizeLimitAttribute(submitBodyLimit))
            .ProducesBodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id}/pause", PauseSessionAsync).WithName("PauseSession")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}").WithSummary("Pause an active session")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id}/resume", ResumeSessionAsync).WithName("ResumeSession")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}").WithSummary("Resume a paused session")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapPost("/{id}/complete", CompleteSessionAsync).WithName("CompleteSession")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}")
            .WithSummary("End a session whose workflows have all finished")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sessions.MapDelete("/{id}", CancelSessionAsync).WithName("CancelSession")
            .RequirePermission(Permissions.SessionsCancel, "sessions/{id}")
            .WithSummary("Cancel a session's running workflows and end it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<Results<Created<SessionSnapshot>, ProblemHttpResult>> CreateSessionAsync(
        [AsParameters] TenantTarget target, CreateSessionBody? body, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var result = await client.CreateSessionAsync(target.Tenant, body?.ToInput() ?? new(), cancellationToken);
        return result.IsOk ? TypedResults.Created($"/v1/sessions/{result.Value.Id}", result.Value) : result.ToProblem();
    }

    private static async Task<Results<Ok<SessionPage>, ProblemHttpResult>> ListSessionsAsync(
        [AsParameters] TenantTarget target, string? status, [MaxLength(CreateSessionBody.MaxOwnerLength)] string? owner,
        DateTimeOffset? from, DateTimeOffset? to, [Range(1, SessionQuery.MaxLimit)] int? limit, [MaxLength(256)] string? cursor,
        ITDeveloperClient client, CancellationToken cancellationToken)
    {
        if (!SessionStatusFilter.TryParse(status, out var wanted, out var error))
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);

        var query = new SessionQuery { Status = wanted, Owner = owner, From = from, To = to, Limit = limit ?? SessionQuery.DefaultLimit, Cursor = cursor };
        return (await client.ListSessionsAsync(target.Tenant, query, cancellationToken)).ToHttpResult();
    }

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> GetSessionAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetSessionAsync(target.Tenant, target.Id, cancellationToken), "Session", target.Id);

    private static async Task<Results<Ok<UsageBreakdown>, ProblemHttpResult>> GetUsageAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetSessionUsageAsync(target.Tenant, target.Id, cancellationToken), "Session", target.Id);

    private static async Task<Results<Ok<Grains.Interfaces.Sessions.Reports.SessionReport>, ProblemHttpResult>> GetReportAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetSessionReportAsync(target.Tenant, target.Id, cancellationToken), "Session", target.Id);

    private static async Task<Results<Ok<System.Collections.Immutable.ImmutableArray<AgentSnapshot>>, ProblemHttpResult>> GetAgentsAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        await client.GetAgentsAsync(target.Tenant, target.Id, cancellationToken) is { } agents
            ? TypedResults.Ok(agents)
            : ApiResults.NotFound("Session", target.Id);

    private static async Task<Results<Ok<Grains.Interfaces.Agents.Balancing.AgentPoolSnapshot>, ProblemHttpResult>> GetAgentPoolAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        await client.GetAgentPoolAsync(target.Tenant, target.Id, cancellationToken) is { } pool
            ? TypedResults.Ok(pool)
            : ApiResults.NotFound("Session", target.Id);

    private static async Task<Results<Accepted<SubmittedRequest>, ProblemHttpResult>> SubmitRequestAsync(
        [AsParameters] ResourceTarget target, [FromBody] SubmitRequestBody body, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var (parts, problem) = RequestPartsBinder.FromJson(body.Parts);
        return problem ?? await SubmitAsync(target, body.ToInput(parts), client, cancellationToken);
    }

    private static async Task<Results<Accepted<SubmittedRequest>, ProblemHttpResult>> SubmitFormRequestAsync(
        [AsParameters] ResourceTarget target, HttpRequest request, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var text = form["text"].ToString();
        if (text.Length > SubmitRequestInput.MaxTextLength)
            return TypedResults.Problem($"The 'text' field is longer than {SubmitRequestInput.MaxTextLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        var template = form["template"].ToString();
        if (template.Length > 0 && !Grains.Interfaces.GrainKeys.IsValidSegment(template))
            return TypedResults.Problem("The 'template' field must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.", statusCode: StatusCodes.Status400BadRequest);
        var (parts, problem) = await RequestPartsBinder.FromFormAsync(form.Files, cancellationToken);
        return problem ?? await SubmitAsync(target, new SubmitRequestInput { Text = text, Template = template.Length == 0 ? null : template, Parts = parts }, client, cancellationToken);
    }

    private static async Task<Results<Accepted<SubmittedRequest>, ProblemHttpResult>> SubmitAsync(
        ResourceTarget target, SubmitRequestInput input, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var result = await client.SubmitRequestAsync(target.Tenant, target.Id, input, cancellationToken);
        if (result.IsOk && result.Value.Clarification is { } asked) return TypedResults.Accepted($"/v1/sessions/{target.Id}/clarifications/{asked.Id}", result.Value);
        return result.IsOk ? TypedResults.Accepted($"/v1/workflows/{result.Value.WorkflowId}", result.Value) : result.ToProblem();
    }

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> CancelQueuedRequestAsync(
        [AsParameters] ResourceTarget target, [GrainKeySegment] string workflowId, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.CancelQueuedRequestAsync(target.Tenant, target.Id, workflowId, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> PauseSessionAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.PauseSessionAsync(target.Tenant, target.Id, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> ResumeSessionAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.ResumeSessionAsync(target.Tenant, target.Id, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> CompleteSessionAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.CompleteSessionAsync(target.Tenant, target.Id, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> CancelSessionAsync(
        [AsParameters] ResourceTarget target, [MaxLength(MaxReasonLength)] string? reason, ITDeveloperClient client,
        CancellationToken cancellationToken) =>
        (await client.CancelSessionAsync(target.Tenant, target.Id, reason ?? DefaultReason, cancellationToken)).ToHttpResult();
}
