using System.Collections.Immutable;
using Microsoft.AspNetCore.Authorization;
using TDeveloper.Api.Security.Identity;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>
/// Decides a route's <see cref="PermissionRequirement"/> with RBAC (<see cref="IAccessPolicy"/>) for the caller of the
/// request, on the resource built from the caller's tenant claim and the route values. A denial is audited
/// (<see cref="AuditEventKinds.AccessDenied"/>) and its reason becomes the 403 problem's detail.
/// </summary>
public sealed partial class PermissionAuthorizationHandler(IAccessPolicy policy, IAuditTrail audit, TimeProvider time, ILogger<PermissionAuthorizationHandler> logger)
    : AuthorizationHandler<PermissionRequirement>
{
    /// <inheritdoc/>
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.Resource is not HttpContext http || context.User.Identity?.IsAuthenticated != true) return; // not authenticated: challenged (401)

        if (CallerIdentities.Of(http) is not { } caller)
        {
            await DenyAsync(context, http, null, requirement.Permission, null, $"the credential names no valid tenant ({TDeveloperClaims.Tenant} claim).");
            return;
        }

        var resource = PermissionResources.Resolve(requirement.Resource, caller.Tenant, http.Request.RouteValues);
        var decision = await policy.EvaluateAsync(caller, requirement.Permission, resource, http.RequestAborted);
        if (decision.Allowed) context.Succeed(requirement);
        else await DenyAsync(context, http, caller, requirement.Permission, resource, decision.Reason);
    }

    private async Task DenyAsync(AuthorizationHandlerContext context, HttpContext http, CallerIdentity? caller, string permission, string? resource, string reason)
    {
        var subject = caller?.Subject ?? context.User.FindFirst(TDeveloperClaims.Subject)?.Value ?? CallerIdentities.UnknownSubject;
        LogDenied(permission, resource, subject, caller?.Tenant, reason);
        await audit.RecordAsync(new AuditEvent
        {
            Tenant = caller?.Tenant ?? context.User.FindFirst(TDeveloperClaims.Tenant)?.Value ?? "unknown",
            Kind = AuditEventKinds.AccessDenied,
            Actor = subject,
            Resource = resource,
            Outcome = "denied",
            At = time.GetUtcNow(),
            IpAddress = IdentityPrincipals.ClientIp(http),
            Details = ImmutableDictionary<string, string>.Empty
                .Add("layer", "api").Add("action", permission).Add("reason", reason)
                .Add("route", $"{http.Request.Method} {http.Request.Path}"),
        }, http.RequestAborted);
        context.Fail(new AuthorizationFailureReason(this, reason));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Denied {Permission} on {Resource} to {Subject} of tenant {Tenant}: {Reason}")]
    private partial void LogDenied(string permission, string? resource, string subject, string? tenant, string reason);
}
