using Microsoft.AspNetCore.Http.Metadata;

namespace TDeveloper.Api;

/// <summary>
/// Refuses with a 413 problem, before anything is read, a request whose Content-Length exceeds its endpoint's
/// <see cref="IRequestSizeLimitMetadata"/>. Bodies without a length are limited by the server, which routing
/// configures from the same metadata; the exception handler maps that failure to 413 as well.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        return limit is { } max && context.Request.ContentLength > max
            ? TypedResults.Problem($"The request body is larger than the limit of {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge)
                .ExecuteAsync(context)
            : next(context);
    }
}
