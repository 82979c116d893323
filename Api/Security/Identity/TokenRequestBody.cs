using System.Text.Json.Serialization;

namespace TDeveloper.Api.Security.Identity;

/// <summary>A token request (RFC 6749 §4.4 and §6), as a form or as JSON.</summary>
public sealed class TokenRequestBody
{
    /// <summary>Gets or sets the grant type: <c>client_credentials</c> (authenticated by an API key) or <c>refresh_token</c>.</summary>
    [JsonPropertyName("grant_type")] public string? GrantType { get; set; }

    /// <summary>Gets or sets the refresh token, for <c>refresh_token</c>.</summary>
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }

    /// <summary>Gets or sets the API key, for <c>client_credentials</c>, when it is not in the <c>X-Api-Key</c> header.</summary>
    [JsonPropertyName("client_secret")] public string? ClientSecret { get; set; }
}
