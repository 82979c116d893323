using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>
/// Runs after authentication: turns the principal into a <see cref="CallerIdentity"/> and sets it in <see cref="CallerContext"/>
/// for the rest of the request, so every grain call the request makes carries it (and the silos' grain call filter checks
/// it). Cleared when the request ends.
/// </summary>
public sealed class CallerContextMiddleware(RequestDelegate next)
{
    /// <summary>Sets the caller, runs the rest of the pipeline, clears it.</summary>
    public async Task InvokeAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var caller = CallerIdentities.Of(httpContext);
        CallerContext.Set(caller);
        try
        {
            await next(httpContext);
        }
        finally
        {
            CallerContext.Set(null);
        }
    }
}
