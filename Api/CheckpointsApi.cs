using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>The checkpoint routes of a session: take one, list them, and branch one into a new session.</summary>
internal static class CheckpointsApi
{
    public static RouteGroupBuilder MapCheckpointsApi(this RouteGroupBuilder v1)
    {
        var checkpoints = v1.MapGroup("/sessions").WithTags("Checkpoints");
        checkpoints.MapPost("/{id}/checkpoints", TakeAsync).WithName("TakeCheckpoint")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}/checkpoints")
            .WithSummary("Take a checkpoint of the session now (session, agents' memory, workflows, workspace), with an optional label")
            .ProducesBodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        checkpoints.MapGet("/{id}/checkpoints", ListAsync).WithName("ListCheckpoints")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/checkpoints")
            .WithSummary("List the session's kept checkpoints, newest first: id, time, kind, size, SHA-256, key id")
            .ProducesProblem(StatusCodes.Status404NotFound);
        checkpoints.MapGet("/{id}/checkpoints/{checkpointId}", GetAsync).WithName("GetCheckpoint")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/checkpoints")
            .WithSummary("Get one kept checkpoint's metadata")
            .ProducesProblem(StatusCodes.Status404NotFound);
        checkpoints.MapPost("/{id}/checkpoints/{checkpointId}/branch", BranchAsync).WithName("BranchSession")
            .RequirePermission(Permissions.SessionsWrite, "sessions/{id}/checkpoints")
            .WithSummary("Restore a kept checkpoint as a new session (a branch): its history, agents' memory and workspace files; the source is unchanged")
            .ProducesBodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return v1;
    }

    private static async Task<Results<Created<CheckpointInfo>, ProblemHttpResult>> TakeAsync(
        [AsParameters] ResourceTarget target, TakeCheckpointBody? body, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var result = await client.CheckpointSessionAsync(target.Tenant, target.Id, body?.Label, cancellationToken);
        return result.IsOk ? TypedResults.Created($"/v1/sessions/{target.Id}/checkpoints/{result.Value.Id}", result.Value) : result.ToProblem();
    }

    private static async Task<Results<Ok<ImmutableArray<CheckpointInfo>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        await client.ListCheckpointsAsync(target.Tenant, target.Id, cancellationToken) is { } checkpoints
            ? TypedResults.Ok(checkpoints)
            : ApiResults.NotFound("Session", target.Id);

    private static async Task<Results<Ok<CheckpointInfo>, ProblemHttpResult>> GetAsync(
        [AsParameters] CheckpointTarget target, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        if (await client.ListCheckpointsAsync(target.Tenant, target.Id, cancellationToken) is not { } checkpoints) return ApiResults.NotFound("Session", target.Id);
        return checkpoints.FirstOrDefault(c => c.Id == target.CheckpointId) is { } checkpoint
            ? TypedResults.Ok(checkpoint)
            : TypedResults.Problem($"Session '{target.Id}' has no kept checkpoint '{target.CheckpointId}'.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<SessionSnapshot>, ProblemHttpResult>> BranchAsync(
        [AsParameters] CheckpointTarget target, BranchSessionBody? body, HttpContext context, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var input = new BranchSessionInput
        {
            CheckpointId = target.CheckpointId,
            Owner = string.IsNullOrWhiteSpace(body?.Owner) ? IdentityPrincipals.SubjectOf(context.User) : body.Owner.Trim(),
            Title = string.IsNullOrWhiteSpace(body?.Title) ? null : body.Title.Trim(),
        };
        var result = await client.BranchSessionAsync(target.Tenant, target.Id, input, cancellationToken);
        if (result.IsOk) return TypedResults.Created($"/v1/sessions/{result.Value.Id}", result.Value);

        // The checkpoint exists but fails its hash or decryption check: the request is understood, the content is not restorable.
        return result.Outcome == CommandOutcome.Invalid
            ? TypedResults.Problem(result.Error, statusCode: StatusCodes.Status422UnprocessableEntity)
            : result.ToProblem();
    }
}

/// <summary>A checkpoint addressed by the route's <c>{id}</c> (its session) and <c>{checkpointId}</c>, in the caller's tenant.</summary>
public sealed class CheckpointTarget
{
    /// <summary>Gets or sets the session id (without tenant).</summary>
    [FromRoute(Name = "id"), GrainKeySegment, Display(Name = "id")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the checkpoint id.</summary>
    [FromRoute(Name = "checkpointId"), GrainKeySegment, Display(Name = "checkpointId")]
    public string CheckpointId { get; set; } = "";

    /// <summary>Gets or sets the caller's tenant, bound from the authenticated principal.</summary>
    public CallerTenant Caller { get; set; } = CallerTenant.None;

    /// <summary>Gets the caller's tenant.</summary>
    public string Tenant => Caller.Value;
}

/// <summary>The body of <c>POST /v1/sessions/{id}/checkpoints</c>; the body itself is optional.</summary>
public sealed record TakeCheckpointBody
{
    /// <summary>Gets or sets a label to find the checkpoint by (stored in clear with its metadata).</summary>
    [MaxLength(CheckpointLimits.MaxLabelLength)]
    public string? Label { get; init; }
}

/// <summary>The body of <c>POST /v1/sessions/{id}/checkpoints/{checkpointId}/branch</c>; the body itself is optional.</summary>
public sealed record BranchSessionBody
{
    /// <summary>Gets or sets the branch's title. Default: the source's title with the checkpoint named.</summary>
    [MaxLength(CreateSessionBody.MaxTitleLength)]
    public string? Title { get; init; }

    /// <summary>Gets or sets the branch's owner. Default: the caller.</summary>
    [MaxLength(CreateSessionBody.MaxOwnerLength)]
    public string? Owner { get; init; }
}
