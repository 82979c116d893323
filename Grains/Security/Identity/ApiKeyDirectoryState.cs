using System.Collections.Immutable;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The persisted ids of a tenant's API keys.</summary>
[GenerateSerializer, Alias("TDeveloper.ApiKeyDirectoryState")]
public sealed class ApiKeyDirectoryState
{
    /// <summary>Gets or sets the key ids, oldest first.</summary>
    [Id(0)] public ImmutableArray<string> KeyIds { get; set; } = [];
}
