using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The persisted API key: what it is, and the SHA-256 hash of its secret (never the secret).</summary>
[GenerateSerializer, Alias("TDeveloper.ApiKeyState")]
public sealed class ApiKeyState
{
    /// <summary>Gets or sets the key, or <see langword="null"/> before it is created.</summary>
    [Id(0)] public ApiKeySummary? Key { get; set; }

    /// <summary>Gets or sets the SHA-256 hash of the key's secret.</summary>
    [Id(1)] public byte[] SecretHash { get; set; } = [];
}
