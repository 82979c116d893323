using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>
/// Answers a forbidden request with RFC 7807 problem details (403) whose detail says why RBAC refused it; a challenge
/// (not authenticated) goes to the authentication schemes as usual (401, made a problem by the status code pages).
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc/>
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure?.FailureReasons is not { } reasons || !reasons.Any())
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var detail = "Access denied: " + string.Join(" ", reasons.Select(reason => reason.Message));
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
    }
}
