using System.Security.Claims;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security;

/// <summary>
/// The partition keys of the API's rate limits, from what authentication established about a request. A key is
/// prefixed with what it is (<c>cred:</c>, <c>sub:</c>, <c>ip:</c>) so that a subject named like an IP cannot share an
/// IP's budget.
/// </summary>
public static class RateLimitPartitions
{
    /// <summary>The credential kind of API keys (<see cref="TDeveloperClaims.CredentialKind"/>).</summary>
    public const string ApiKeyKind = "apikey";

    /// <summary>
    /// Gets the caller's partition: the credential (<see cref="TDeveloperClaims.CredentialId"/>) when authenticated
    /// with one, else the subject in its tenant, else the client IP.
    /// </summary>
    public static string Caller(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (Claim(user, TDeveloperClaims.CredentialId) is { } credential) return "cred:" + credential;
            if (Claim(user, TDeveloperClaims.Subject) is { } subject) return $"sub:{Claim(user, TDeveloperClaims.Tenant) ?? ""}/{subject}";
        }

        return ClientIp(context);
    }

    /// <summary>Gets the API key's partition when the request was authenticated by an API key, else null.</summary>
    public static string? ApiKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            && string.Equals(Claim(user, TDeveloperClaims.CredentialKind), ApiKeyKind, StringComparison.OrdinalIgnoreCase)
            && Claim(user, TDeveloperClaims.CredentialId) is { } key
            ? "key:" + key
            : null;
    }

    /// <summary>Gets the client IP's partition (the connection's remote address; behind a proxy, configure forwarded headers).</summary>
    public static string ClientIp(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ip = context.Connection.RemoteIpAddress;
        if (ip is { IsIPv4MappedToIPv6: true }) ip = ip.MapToIPv4();
        return "ip:" + (ip?.ToString() ?? "unknown");
    }

    private static string? Claim(ClaimsPrincipal user, string type) => user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
}
