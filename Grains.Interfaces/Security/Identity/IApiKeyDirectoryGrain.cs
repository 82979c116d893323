using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Security.Identity;

/// <summary>The ids of a tenant's API keys (key: <see cref="IdentityGrainKeys.ApiKeyDirectory"/>), for listing them.</summary>
public interface IApiKeyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a key id (once).</summary>
    Task AddAsync(string keyId);

    /// <summary>Gets the key ids, oldest first.</summary>
    Task<ImmutableArray<string>> ListAsync();
}
