using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Rbac;

/// <summary>One question for <see cref="RbacPolicy.Evaluate"/>: may <paramref name="Caller"/> perform <paramref name="Action"/> on <paramref name="Resource"/> at <paramref name="Now"/>?</summary>
/// <param name="Caller">Who asks: tenant, roles, IP address and attributes.</param>
/// <param name="Action">The action, one of <see cref="Permissions"/>.</param>
/// <param name="Resource">The resource, <c>tenants/{tenant}/…</c>.</param>
/// <param name="Now">The time the time-window conditions are tested at.</param>
public sealed record AccessRequest(CallerIdentity Caller, string Action, string Resource, DateTimeOffset Now);
