using System.Collections.Immutable;

namespace TDeveloper.Api.Security.Identity;

/// <summary>A new API key as created: the only time its whole text is shown.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Key">The whole key, <c>tdk_&lt;id&gt;_&lt;secret&gt;</c>; store it now, it is not shown again.</param>
/// <param name="Name">The key's name.</param>
/// <param name="Tenant">The tenant it acts for.</param>
/// <param name="Roles">The roles it carries.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record CreatedApiKey(string Id, string Key, string Name, string Tenant, ImmutableArray<string> Roles, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
