using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The ids of a tenant's API keys (<see cref="IApiKeyDirectoryGrain"/>).</summary>
public sealed class ApiKeyDirectoryGrain(
    [PersistentState("api-keys", StorageNames.State)] IPersistentState<ApiKeyDirectoryState> state) : DurableGrain, IApiKeyDirectoryGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string keyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (state.State.KeyIds.Contains(keyId)) return;
        state.State.KeyIds = state.State.KeyIds.Add(keyId);
        await WriteOrReloadAsync(state);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.KeyIds);
}
