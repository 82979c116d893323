using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Api;

/// <summary>The plan template routes: list and get.</summary>
internal static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder v1)
    {
        var templates = v1.MapGroup("/templates").WithTags("Templates");
        templates.MapGet("", ListTemplatesAsync).WithName("ListTemplates")
            .RequirePermission(Permissions.TemplatesRead, "templates").WithSummary("List the plan templates (newest version of each)");
        templates.MapGet("/{name}", GetTemplateAsync).WithName("GetTemplate")
            .RequirePermission(Permissions.TemplatesRead, "templates/{name}").WithSummary("Get a plan template")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Ok<ImmutableArray<PlanTemplate>>> ListTemplatesAsync(ITDeveloperClient client, CancellationToken cancellationToken) =>
        TypedResults.Ok(await client.ListTemplatesAsync(cancellationToken));

    private static async Task<Results<Ok<PlanTemplate>, ProblemHttpResult>> GetTemplateAsync(
        [GrainKeySegment] string name, ITDeveloperClient client, CancellationToken cancellationToken) =>
        ApiResults.OkOrNotFound(await client.GetTemplateAsync(name, cancellationToken), "Template", name);
}
