using System.Text.Json.Serialization;

namespace TDeveloper.Api.Security.Identity;

/// <summary>The answer of the token endpoint (RFC 6749 §5.1).</summary>
/// <param name="AccessToken">The RS256 access token.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">The access token's lifetime in seconds.</param>
/// <param name="RefreshToken">The one-time refresh token.</param>
/// <param name="RefreshTokenExpiresIn">The refresh token's lifetime in seconds.</param>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("refresh_token_expires_in")] long RefreshTokenExpiresIn);
