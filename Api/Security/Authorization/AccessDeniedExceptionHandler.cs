using Microsoft.AspNetCore.Diagnostics;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>Answers an <see cref="AccessDeniedException"/> from a grain (tenant isolation, a system-only method, RBAC at the grain) with a 403 problem; the silo has audited it.</summary>
public sealed class AccessDeniedExceptionHandler : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Find(exception) is not { } denied) return false;
        await TypedResults.Problem(denied.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(httpContext);
        return true;
    }

    private static AccessDeniedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AccessDeniedException denied) return denied;
            if (current is AggregateException { InnerExceptions.Count: 1 } aggregate) return Find(aggregate.InnerExceptions[0]);
        }

        return null;
    }
}
