using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TDeveloper.Api.Security;

/// <summary>
/// Shapes the OpenAPI document (<c>/openapi/v1.json</c>): only the <c>/v1</c> API (not health, metrics or the
/// Dashboard), its security schemes (bearer JWT, API key, signed request) required by every operation but the
/// anonymous ones (<c>security: []</c>), info with a license, tag descriptions, and the 401/429 problems every
/// operation can answer.
/// </summary>
public static class TDeveloperOpenApi
{
    /// <summary>The name of the document.</summary>
    public const string DocumentName = "v1";

    /// <summary>The name of the problem details schema in the document's components.</summary>
    public const string ProblemSchema = "ProblemDetails";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Sessions"] = "Development sessions: create one, submit requests to it, pause, resume, complete or cancel it.",
        ["Events"] = "A session's events as Server-Sent Events, replayable from a sequence number.",
        ["Workspaces"] = "The files a session's agents wrote: list them, download one or all as a zip.",
        ["Workflows"] = "The workflows requests run: their steps, cancellation, pause and resume, approvals.",
        ["Templates"] = "The plan templates a request may name instead of the supervisor's own plan.",
        ["Usage"] = "Tokens and cost of a tenant's model calls.",
    };

    /// <summary>Configures the <see cref="DocumentName"/> document: what it includes and its transformers.</summary>
    public static IServiceCollection AddTDeveloperOpenApiDocument(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true;
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) operation.Security = [];
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "T-Developer API",
            Version = DocumentName,
            Description = "Sessions of code-writing agents: submit development requests, follow their workflows and events, download the workspace. "
                + "Authenticate with a bearer JWT, an API key (X-Api-Key) or a signed request (X-TDev-Signature). Every error is an RFC 7807 problem; "
                + "429 carries Retry-After.",
            License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") },
        };

        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : server.Url;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[TDeveloperAuthentication.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An RS256 access token of T-Developer (1 hour) or of a configured OIDC issuer.",
        };
        document.Components.SecuritySchemes[TDeveloperAuthentication.ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = TDeveloperAuthentication.ApiKeyHeader,
            Description = "An API key of a service (shown once at creation, valid a year).",
        };
        document.Components.SecuritySchemes[TDeveloperAuthentication.Hmac] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = TDeveloperAuthentication.SignatureHeader,
            Description = "An HMAC-SHA256 signature over method, path, timestamp and body hash (5-minute window, one-time nonce).",
        };
        document.Security =
        [
            Requirement(document, TDeveloperAuthentication.Bearer),
            Requirement(document, TDeveloperAuthentication.ApiKey),
            Requirement(document, TDeveloperAuthentication.Hmac),
        ];

        var hasProblemSchema = document.Components.Schemas?.ContainsKey(ProblemSchema) == true;
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Responses ??= new OpenApiResponses();
            var secured = operation.Security is not { Count: 0 };
            if (secured) operation.Responses.TryAdd("401", Problem(document, hasProblemSchema, "The request carries no valid credential."));
            operation.Responses.TryAdd("429", TooManyRequests(document, hasProblemSchema));
        }

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.GetValueOrDefault(name),
        }));
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiResponse Problem(OpenApiDocument document, bool hasProblemSchema, string description) => new()
    {
        Description = description,
        Content = hasProblemSchema
            ? new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } }
            : null,
    };

    private static OpenApiResponse TooManyRequests(OpenApiDocument document, bool hasProblemSchema)
    {
        var response = Problem(document, hasProblemSchema, "Too many requests: a rate limit was reached; retry after the seconds of Retry-After.");
        response.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
        };
        return response;
    }
}
