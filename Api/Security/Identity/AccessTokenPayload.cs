using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Api.Security.Identity;

/// <summary>Writes the claims set of one of our access tokens (pure: time and token id passed in).</summary>
public static class AccessTokenPayload
{
    /// <summary>The <see cref="TDeveloperClaims.CredentialKind"/> of our own access tokens.</summary>
    public const string CredentialKind = "jwt";

    /// <summary>Creates a new token id (<c>jti</c>).</summary>
    public static string NewTokenId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Writes the payload JSON: <c>iss</c>, <c>aud</c>, <c>sub</c>, <c>jti</c>, <c>iat</c>/<c>nbf</c> = <paramref name="now"/>, <c>exp</c>, and ours.</summary>
    public static string Write(AccessTokenSubject subject, string issuer, string audience, string tokenId, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", issuer);
            json.WriteString("aud", audience);
            json.WriteString(TDeveloperClaims.Subject, subject.Subject);
            json.WriteString("jti", tokenId);
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("nbf", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            json.WriteString(TDeveloperClaims.Tenant, subject.Tenant);
            json.WriteStartArray(TDeveloperClaims.Role);
            foreach (var role in subject.Roles) json.WriteStringValue(role);
            json.WriteEndArray();
            json.WriteString(TDeveloperClaims.LoginSession, subject.LoginSession);
            json.WriteString(TDeveloperClaims.CredentialKind, CredentialKind);
            if (subject.CredentialId is { } credential) json.WriteString(TDeveloperClaims.CredentialId, credential);
            if (subject.BoundIp is { } ip) json.WriteString(TDeveloperClaims.BoundIp, ip);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
