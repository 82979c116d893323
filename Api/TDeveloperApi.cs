using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TDeveloper.Api.Grpc;
using TDeveloper.Api.Security.Audit;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Api.Security.Signing;

namespace TDeveloper.Api;

/// <summary>The T-Developer HTTP API: sessions, their events and workflows under <c>/v1</c>, and its OpenAPI document.</summary>
public static class TDeveloperApi
{
    /// <summary>The route of the OpenAPI document.</summary>
    public const string OpenApiRoute = "/openapi/{documentName}.json";

    /// <summary>
    /// Maps the <c>/v1</c> routes and the OpenAPI document (<c>/openapi/v1.json</c>). Needs <c>AddTDeveloperApi()</c>
    /// on the services and <c>UseTDeveloperApi()</c> on the pipeline, which turn failures into problem details.
    /// </summary>
    public static IEndpointRouteBuilder MapTDeveloperApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TDeveloperApiOptions>>().Value;
        var v1 = endpoints.MapGroup("/v1")
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapSessionsApi(options.MaxSubmitRequestBodyBytes);
        v1.MapClarificationsApi();
        v1.MapCheckpointsApi();
        v1.MapSessionEventsApi();
        v1.MapSessionMemoryApi();
        v1.MapWorkspaceApi();
        v1.MapWorkflowsApi();
        v1.MapTemplatesApi();
        v1.MapUsageApi();
        v1.MapAgentRegistryApi();
        v1.MapSigningKeysApi();
        v1.MapAuditApi();
        v1.MapRbacApi();
        v1.MapTDeveloperIdentityApi();
        endpoints.MapWellKnownApi();
        endpoints.MapOpenApi(OpenApiRoute).AllowAnonymous();
        endpoints.MapTDeveloperGrpc();
        return endpoints;
    }

    /// <summary>Documents the problems of a route that reads a JSON body: too large (413) and not JSON (415).</summary>
    internal static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
