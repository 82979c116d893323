using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security.Signing;

namespace TDeveloper.Grains.Security.Signing;

/// <summary>The list of a tenant's signing keys, keyed by tenant; written by the keys' own grains.</summary>
public sealed class SigningKeyIndexGrain([PersistentState("signingKeys", StorageNames.State)] IPersistentState<SigningKeyIndexState> state) : DurableGrain, ISigningKeyIndexGrain
{
    /// <inheritdoc/>
    public Task PutAsync(SigningKeySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!string.Equals(summary.Tenant, this.GetPrimaryKeyString(), StringComparison.Ordinal)) throw new ArgumentException("The key belongs to another tenant.", nameof(summary));
        if (state.State.Keys.TryGetValue(summary.KeyId, out var known) && known == summary) return Task.CompletedTask;
        state.State.Keys[summary.KeyId] = summary;
        return WriteOrReloadAsync(state);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<SigningKeySummary>> ListAsync() =>
        Task.FromResult(state.State.Keys.Values.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToImmutableArray());
}
