using System.Collections.Immutable;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Who an access token is for: the claims of <see cref="Grains.Interfaces.Security.TDeveloperClaims"/> it carries.</summary>
/// <param name="Tenant">The tenant (<c>tdev_tenant</c>).</param>
/// <param name="Subject">The subject (<c>sub</c>).</param>
/// <param name="Roles">The roles (one <c>role</c> each).</param>
/// <param name="LoginSession">The login session (<c>sid</c>).</param>
/// <param name="CredentialId">The API key the session started from (<c>tdev_cred</c>), if any.</param>
/// <param name="BoundIp">The client IP the token is bound to (<c>tdev_ip</c>), if any.</param>
public sealed record AccessTokenSubject(string Tenant, string Subject, ImmutableArray<string> Roles, string LoginSession, string? CredentialId, string? BoundIp);
