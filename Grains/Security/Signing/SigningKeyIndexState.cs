using TDeveloper.Grains.Interfaces.Security.Signing;

namespace TDeveloper.Grains.Security.Signing;

/// <summary>The summaries of a tenant's signing keys, by key id.</summary>
[GenerateSerializer, Alias("TDeveloper.SigningKeyIndexState")]
public sealed class SigningKeyIndexState
{
    /// <summary>Gets or sets the keys' summaries, by key id.</summary>
    [Id(0)] public Dictionary<string, SigningKeySummary> Keys { get; set; } = [];
}
