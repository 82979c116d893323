using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security.Identity;

/// <summary>The body of <c>POST /v1/api-keys</c>.</summary>
public sealed class CreateApiKeyBody
{
    /// <summary>Gets or sets the key's name, for people.</summary>
    [Required, StringLength(100, MinimumLength = 1)] public string Name { get; set; } = "";

    /// <summary>Gets or sets the roles the key carries, each one the caller has (inherited roles count). Default: the caller's roles.</summary>
    [MaxLength(32)] public List<string>? Roles { get; set; }

    /// <summary>Gets or sets when the key expires: in the future and at most a year away. Default a year from now.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
