using System.Text.Json.Serialization;

namespace TDeveloper.Api.Security.Identity;

/// <summary>A revocation request (RFC 7009), as a form or as JSON; without a token it ends the caller's own login session.</summary>
public sealed class RevokeRequestBody
{
    /// <summary>Gets or sets the refresh or access token to revoke; none revokes the caller's login session (log out).</summary>
    [JsonPropertyName("token")] public string? Token { get; set; }

    /// <summary>Gets or sets <c>refresh_token</c> or <c>access_token</c> (optional: the token's shape tells).</summary>
    [JsonPropertyName("token_type_hint")] public string? TokenTypeHint { get; set; }
}
