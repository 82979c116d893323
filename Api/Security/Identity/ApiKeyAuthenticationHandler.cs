using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Api.Security.Identity;

/// <summary>
/// The <see cref="TDeveloperAuthentication.ApiKey"/> scheme: a key in <see cref="TDeveloperAuthentication.ApiKeyHeader"/> or
/// <c>Authorization: ApiKey …</c>. Unknown, expired and revoked keys fail (401 problem with <c>WWW-Authenticate: ApiKey</c>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string AuthorizationPrefix = "ApiKey ";
    private string? _failure;

    /// <summary>Gets the API key a request carries, or <see langword="null"/>.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[TDeveloperAuthentication.ApiKeyHeader].ToString() is { Length: > 0 } header) return header.Trim();
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith(AuthorizationPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[AuthorizationPrefix.Length..].Trim() : null;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } presented) return AuthenticateResult.NoResult();
        var verification = await authenticator.VerifyAsync(presented, Context, Context.RequestAborted);
        if (verification is not { Outcome: ApiKeyVerificationOutcome.Valid, Key: { } key })
        {
            _failure = ApiKeyAuthenticator.Describe(verification.Outcome);
            return AuthenticateResult.Fail(_failure);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthenticator.PrincipalOf(key, Scheme.Name), Scheme.Name));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthenticationProblems.WriteUnauthorizedAsync(Context, "ApiKey realm=\"tdeveloper\"", _failure ?? AuthenticationProblems.NoCredential);
}
