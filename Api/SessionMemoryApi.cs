using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Memory;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api;

/// <summary>The session memory route: search what a session's agents found and shared.</summary>
internal static class SessionMemoryApi
{
    public static RouteGroupBuilder MapSessionMemoryApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{id}/memory", SearchAsync).WithTags("Sessions").WithName("SearchSessionMemory")
            .RequirePermission(Permissions.SessionsRead, "sessions/{id}/memory")
            .WithSummary("Search the memory the session's agents share (each step's result, what they promoted to long-term memory): by keyword and, with an embedding model configured, by vector similarity; no 'query' lists every item, most relevant first; 'limit' 1 to 100 (20)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Ok<MemorySearchResult>, ProblemHttpResult>> SearchAsync(
        [AsParameters] ResourceTarget target, [MaxLength(MemorySearchInput.MaxQueryLength)] string? query, [Range(1, MemorySearchInput.MaxLimit)] int? limit,
        ITDeveloperClient client, CancellationToken cancellationToken)
    {
        var input = new MemorySearchInput { Query = query ?? "", Limit = limit ?? MemorySearchInput.DefaultLimit };
        return ApiResults.OkOrNotFound(await client.SearchSessionMemoryAsync(target.Tenant, target.Id, input, cancellationToken), "Session", target.Id);
    }
}
