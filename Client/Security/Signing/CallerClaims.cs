using System.Security.Claims;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Client.Security.Signing;

/// <summary>Reads the caller's tenant and subject from the authenticated principal (<see cref="TDeveloperClaims"/>).</summary>
internal static class CallerClaims
{
    /// <summary>Gets the caller's tenant; the routes that call this require an authenticated caller with one.</summary>
    public static string Tenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(TDeveloperClaims.Tenant) ?? throw new InvalidOperationException("The caller has no tenant claim.");

    /// <summary>Gets the caller's subject, or <c>anonymous</c>.</summary>
    public static string Subject(this ClaimsPrincipal user) => user.FindFirstValue(TDeveloperClaims.Subject) ?? "anonymous";

    /// <summary>Gets the caller's roles.</summary>
    public static IReadOnlySet<string> Roles(this ClaimsPrincipal user) => user.FindAll(TDeveloperClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
