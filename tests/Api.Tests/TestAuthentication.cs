using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Client;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Tests;

/// <summary>
/// A test-only authentication scheme, registered by the test factories: a request with <see cref="TenantHeader"/> is a
/// user of that tenant with the roles of <see cref="RolesHeader"/>. A request with neither that nor
/// <see cref="AnonymousHeader"/> is treated as the tests written before authentication expect: an admin of the tenant its
/// <c>X-Tenant-Id</c> header names (or the default one). <see cref="AnonymousHeader"/> sends no credential at all.
/// </summary>
public static class TestAuthentication
{
    public const string Scheme = "Test";
    public const string TenantHeader = "X-Test-Tenant";
    public const string RolesHeader = "X-Test-Roles";
    public const string SubjectHeader = "X-Test-Subject";
    public const string AnonymousHeader = "X-Test-Anonymous";

    /// <summary>Makes the test scheme the default one.</summary>
    public static IServiceCollection AddTestAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = Scheme;
            options.DefaultAuthenticateScheme = Scheme;
            options.DefaultChallengeScheme = Scheme;
            options.DefaultForbidScheme = Scheme;
        }).AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);
        return services;
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var headers = Request.Headers;
            if (headers.ContainsKey(AnonymousHeader)) return Task.FromResult(AuthenticateResult.NoResult());
            string tenant, subject;
            string[] roles;
            if (headers.TryGetValue(TenantHeader, out var named))
            {
                tenant = named.ToString();
                roles = headers[RolesHeader].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                subject = headers.TryGetValue(SubjectHeader, out var sub) ? sub.ToString() : "test-user";
            }
            else
            {
                var header = headers[TDeveloperApi.TenantHeader].ToString();
                tenant = GrainKeys.IsValidSegment(header) ? header : GrainKeys.DefaultTenant; // an invalid header stays the route's 400 to give
                roles = [BuiltInRoles.Admin];
                subject = "pre-authentication-test";
            }

            var claims = new List<Claim> { new(TDeveloperClaims.Tenant, tenant), new(TDeveloperClaims.Subject, subject), new(TDeveloperClaims.CredentialKind, "test") };
            claims.AddRange(roles.Select(role => new Claim(TDeveloperClaims.Role, role)));
            foreach (var (name, value) in headers.Where(h => h.Key.StartsWith("X-Test-Attr-", StringComparison.OrdinalIgnoreCase)))
            {
                claims.Add(new Claim(name["X-Test-Attr-".Length..].ToLowerInvariant(), value.ToString()));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TestAuthentication.Scheme, TDeveloperClaims.Subject, TDeveloperClaims.Role));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestAuthentication.Scheme)));
        }
    }
}
