using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api;

/// <summary>
/// The agent registry routes of the caller's tenant: list (optionally by capability), get, register, update, unregister.
/// Reading needs <see cref="Permissions.AgentsRead"/>, changing <see cref="Permissions.AgentsManage"/> (admin only by default).
/// </summary>
internal static class AgentRegistryApi
{
    public static RouteGroupBuilder MapAgentRegistryApi(this RouteGroupBuilder v1)
    {
        var agents = v1.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("", ListAsync).WithName("ListAgentTypes")
            .RequirePermission(Permissions.AgentsRead, "agents")
            .WithSummary("List the tenant's agent types (built-in and custom), or those with ?capability=x");
        agents.MapPost("", RegisterAsync).WithName("RegisterAgentType")
            .RequirePermission(Permissions.AgentsManage, "agents")
            .WithSummary("Register a custom agent type: name, system prompt, capabilities, tools, model chain")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        agents.MapGet("/{name}", GetAsync).WithName("GetAgentType")
            .RequirePermission(Permissions.AgentsRead, "agents/{name}").WithSummary("Get an agent type with its status and health")
            .ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapPut("/{name}", UpdateAsync).WithName("UpdateAgentType")
            .RequirePermission(Permissions.AgentsManage, "agents/{name}")
            .WithSummary("Replace an agent type's definition (a built-in's description, capabilities, version, capacity, timeout and status)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapDelete("/{name}", UnregisterAsync).WithName("UnregisterAgentType")
            .RequirePermission(Permissions.AgentsManage, "agents/{name}")
            .WithSummary("Unregister a custom agent type (built-in and configured types can only be disabled)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<Ok<ImmutableArray<AgentTypeInfo>>> ListAsync(
        [AsParameters] TenantTarget target, [FromQuery] string? capability, ITDeveloperClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(string.IsNullOrWhiteSpace(capability)
            ? await client.ListAgentTypesAsync(target.Tenant, cancellationToken)
            : await client.FindAgentTypesAsync(target.Tenant, capability, cancellationToken));

    private static async Task<Results<Ok<AgentTypeInfo>, ProblemHttpResult>> GetAsync(
        [GrainKeySegment] string name, [AsParameters] TenantTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetAgentTypeAsync(target.Tenant, name, cancellationToken), "Agent type", name);

    private static async Task<Results<Created<AgentTypeInfo>, ProblemHttpResult>> RegisterAsync(
        AgentTypeDefinition body, [AsParameters] TenantTarget target, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var result = await client.RegisterAgentTypeAsync(target.Tenant, body, cancellationToken);
        return result.IsOk ? TypedResults.Created($"/v1/agents/{result.Value.Name}", result.Value) : result.ToProblem();
    }

    private static async Task<Results<Ok<AgentTypeInfo>, ProblemHttpResult>> UpdateAsync(
        [GrainKeySegment] string name, AgentTypeDefinition body, [AsParameters] TenantTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.UpdateAgentTypeAsync(target.Tenant, name, body, cancellationToken)).ToHttpResult();

    private static async Task<Results<Ok<AgentTypeInfo>, ProblemHttpResult>> UnregisterAsync(
        [GrainKeySegment] string name, [AsParameters] TenantTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        (await client.UnregisterAgentTypeAsync(target.Tenant, name, cancellationToken)).ToHttpResult();
}
