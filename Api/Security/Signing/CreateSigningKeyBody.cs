using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security.Signing;

/// <summary>The body of <c>POST /v1/signing-keys</c>.</summary>
public sealed record CreateSigningKeyBody
{
    /// <summary>The most roles a key may have.</summary>
    public const int MaxRoles = 16;

    /// <summary>The longest validity accepted, in days (one year).</summary>
    public const int MaxValidForDays = 365;

    /// <summary>Gets or sets a name that says what the key is for.</summary>
    [Required, StringLength(100, MinimumLength = 1)]
    public string Name { get; init; } = "";

    /// <summary>Gets or sets the roles a request signed with the key has (each a role name; at least one).</summary>
    [Required, MinLength(1), MaxLength(MaxRoles)]
    public string[] Roles { get; init; } = [];

    /// <summary>Gets or sets for how many days the key is accepted.</summary>
    /// <remarks>Defaults to 365, the most allowed.</remarks>
    [Range(1, MaxValidForDays)]
    public int ValidForDays { get; init; } = MaxValidForDays;
}

/// <summary>The answer to <c>POST /v1/signing-keys</c>: the key and its secret, which is shown this once only.</summary>
/// <param name="KeyId">The key id, sent as <c>X-TDev-Key-Id</c>.</param>
/// <param name="Secret">The secret: the HMAC key is its UTF-8 bytes. Store it now; it cannot be read again.</param>
/// <param name="Name">The key's name.</param>
/// <param name="Roles">The key's roles.</param>
/// <param name="ExpiresAt">When the key stops being accepted.</param>
public sealed record CreatedSigningKey(string KeyId, string Secret, string Name, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);
