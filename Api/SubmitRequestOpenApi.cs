using Microsoft.OpenApi;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api;

/// <summary>
/// Documents both bodies of <c>POST /v1/sessions/{id}/requests</c> on one operation: JSON (<see cref="SubmitRequestBody"/>)
/// and multipart/form-data. The two are separate endpoints, and an OpenAPI document has one operation per path and
/// method, so the form endpoint is left out of the document and its body added here.
/// </summary>
internal static class SubmitRequestOpenApi
{
    public static RouteHandlerBuilder WithFormBodyDocumented(this RouteHandlerBuilder route) =>
        route.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody { Content: { } content })
            {
                content["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["text"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = SubmitRequestInput.MaxTextLength, Description = "The request in plain words." },
                            ["template"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Description = "A plan template to run instead of the supervisor's own plan." },
                            ["files"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Description = "Images, audio or documents; their content types pick the part kinds.",
                                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    },
                };
            }

            return Task.CompletedTask;
        });
}
