using System.Collections.Immutable;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The persisted signing keys of the cluster, oldest first; the last one not retired is current.</summary>
[GenerateSerializer, Alias("TDeveloper.SigningKeyRingState")]
public sealed class SigningKeyRingState
{
    /// <summary>Gets or sets the keys.</summary>
    [Id(0)] public ImmutableArray<SigningKeyEntry> Keys { get; set; } = [];
}
