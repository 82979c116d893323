using Microsoft.AspNetCore.Authentication;

namespace TDeveloper.Client.Security.Signing;

/// <summary>
/// Stands in for the <see cref="TDeveloperAuthentication.Bearer"/> scheme where no JWT bearer scheme is registered:
/// it authenticates nobody (every request without a signature or API key is anonymous), challenges with 401 and
/// forbids with 403. Registered only when the scheme is missing, so the real JwtBearer scheme replaces it.
/// </summary>
internal sealed class NoCredentialBearerHandler : IAuthenticationHandler
{
    private HttpContext? _context;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        _context!.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context!.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
