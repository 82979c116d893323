using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Records the identity's security events (logins, failures, key use, revocations) in the <see cref="IAuditTrail"/>.</summary>
public sealed class IdentityAudit(IAuditTrail trail, TimeProvider time)
{
    /// <summary>The tenant named in events whose credential names none that can be trusted.</summary>
    public const string UnknownTenant = "unknown";

    /// <summary>Records one event; never throws for the trail's sake (the trail logs its own failures).</summary>
    public Task RecordAsync(HttpContext? context, string kind, string tenant, string actor, string outcome, string? resource = null, IReadOnlyDictionary<string, string>? details = null) =>
        trail.RecordAsync(new AuditEvent
        {
            Tenant = tenant,
            Kind = kind,
            Actor = actor,
            Outcome = outcome,
            Resource = resource,
            At = time.GetUtcNow(),
            IpAddress = context is null ? null : IdentityPrincipals.ClientIp(context),
            Details = details?.ToImmutableDictionary() ?? ImmutableDictionary<string, string>.Empty,
        }, context?.RequestAborted ?? default);
}
