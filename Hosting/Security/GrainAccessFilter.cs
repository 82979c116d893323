using System.Collections.Immutable;
using TDeveloper.Api.Security;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Security.Rbac;

namespace TDeveloper.Hosting.Security;

/// <summary>
/// The silo's guard at every grain entry point: a call that carries a caller (<see cref="CallerContext"/>) is decided by
/// <see cref="GrainCallAuthorizer"/> before the grain runs; a refused call throws <see cref="AccessDeniedException"/> to
/// the caller, is audited (<see cref="AuditEventKinds.AccessDenied"/>), and changes nothing. Calls without a caller are the
/// system's own and go ahead.
/// </summary>
public sealed partial class GrainAccessFilter(IAccessPolicy policy, IAuditTrail audit, TimeProvider time, ILogger<GrainAccessFilter> logger) : IIncomingGrainCallFilter
{
    /// <inheritdoc/>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CallerContext.Current is { } caller && context.InterfaceMethod is { } method && GrainMethodAccess.Of(method) is { } access)
        {
            var key = context.TargetId.Key.ToString();
            var denial = await GrainCallAuthorizer.AuthorizeAsync(access, key, caller, IsFromOutside(context.SourceId), policy);
            if (denial is not null)
            {
                LogDenied(caller.Tenant, caller.Subject, access.Name, denial.Resource, denial.Reason);
                await audit.RecordAsync(new AuditEvent
                {
                    Tenant = caller.Tenant,
                    Kind = AuditEventKinds.AccessDenied,
                    Actor = caller.Subject,
                    Resource = denial.Resource,
                    Outcome = "denied",
                    At = time.GetUtcNow(),
                    IpAddress = caller.IpAddress,
                    Details = ImmutableDictionary<string, string>.Empty
                        .Add("layer", "grain").Add("method", access.Name).Add("action", denial.Action).Add("reason", denial.Reason),
                });
                throw denial.ToException();
            }
        }

        await context.Invoke();
    }

    /// <summary>
    /// Whether a call comes from outside the cluster's grains: from a client (an external one, or a silo's own client used by
    /// the API it hosts), from a system target, or from an unknown source. Only calls between grain activations count as inside.
    /// </summary>
    public static bool IsFromOutside(GrainId? source) =>
        source is not { } id || id.IsDefault || GrainTypePrefix.IsClient(id) || GrainTypePrefix.IsSystemTarget(id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied {Method} on {Resource} to {Subject} of tenant {Tenant}: {Reason}")]
    private partial void LogDenied(string tenant, string subject, string method, string resource, string reason);
}
