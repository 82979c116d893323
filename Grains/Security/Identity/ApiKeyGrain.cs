using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>One API key (<see cref="IApiKeyGrain"/>). Its last use is kept in memory and saved at most once a minute.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.State)] IPersistentState<ApiKeyState> state,
    TimeProvider time) : DurableGrain, IApiKeyGrain
{
    private static readonly TimeSpan UseSaveInterval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<ApiKeySummary?> CreateAsync(ApiKeyRegistration registration)
    {
        var (key, changed) = ApiKeyChecks.Create(state.State, this.GetPrimaryKeyString(), registration, time.GetUtcNow());
        if (changed) await WriteOrReloadAsync(state);
        return key;
    }

    /// <inheritdoc />
    public async Task<ApiKeyVerification> VerifyAsync(byte[] secretHash)
    {
        var now = time.GetUtcNow();
        var verification = ApiKeyChecks.Verify(state.State, secretHash, now);
        if (verification.Outcome != ApiKeyVerificationOutcome.Valid) return verification;
        var saved = state.State.Key!.LastUsedAt;
        state.State.Key = state.State.Key with { LastUsedAt = now };
        if (saved is null || now - saved >= UseSaveInterval) await WriteOrReloadAsync(state);
        return verification with { Key = state.State.Key };
    }

    /// <inheritdoc />
    public Task<ApiKeySummary?> GetAsync() => Task.FromResult(state.State.Key);

    /// <inheritdoc />
    public async Task<ApiKeySummary?> RevokeAsync()
    {
        if (state.State.Key is not { } key) return null;
        if (key.RevokedAt is not null) return key;
        state.State.Key = key with { RevokedAt = time.GetUtcNow() };
        await WriteOrReloadAsync(state);
        return state.State.Key;
    }
}
