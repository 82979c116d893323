using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>
/// Answers a forbidden request with RFC 7807 problem details (403) whose detail says why RBAC refused it; a challenge
/// (not authenticated) goes to the authentication schemes as usual (401, made a problem by the status code pages). A gRPC
/// call gets UNAUTHENTICATED or PERMISSION_DENIED as a trailers-only response instead.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc/>
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Succeeded && Grpc.GrpcTrailersOnly.IsGrpc(context))
        {
            var denied = authorizeResult.Forbidden;
            var why = authorizeResult.AuthorizationFailure?.FailureReasons.Select(reason => reason.Message).FirstOrDefault();
            await Grpc.GrpcTrailersOnly.WriteAsync(context, denied ? global::Grpc.Core.StatusCode.PermissionDenied : global::Grpc.Core.StatusCode.Unauthenticated,
                denied ? "Access denied: " + (why ?? "forbidden.") : "The call carries no valid credential.");
            return;
        }

        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure?.FailureReasons is not { } reasons || !reasons.Any())
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var detail = "Access denied: " + string.Join(" ", reasons.Select(reason => reason.Message));
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
    }
}
