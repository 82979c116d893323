using Microsoft.AspNetCore.Mvc;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// Refuses (400 problem) a request that still names a tenant in the retired <see cref="TenantHeader"/> header other than its
/// credential's: the tenant comes from the credential only. A header naming the credential's own tenant is ignored.
/// </summary>
public sealed class TenantHeaderGuardMiddleware(RequestDelegate next)
{
    /// <summary>The header that used to name the tenant.</summary>
    public const string TenantHeader = "X-Tenant-Id";

    /// <summary>Checks the header, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Headers.TryGetValue(TenantHeader, out var named) && context.User.Identity?.IsAuthenticated == true
            && !string.Equals(named.ToString(), IdentityPrincipals.TenantOf(context.User), StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The tenant comes from the credential",
                    Detail = $"The tenant comes from the credential, not from the {TenantHeader} header; this credential's tenant is another. Drop the header, or use a credential of that tenant.",
                },
            });
            return;
        }

        await next(context);
    }
}
