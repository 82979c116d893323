using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security.Identity;

namespace TDeveloper.Grains.Security.Identity;

/// <summary>The cluster's revocation list (<see cref="IRevocationListGrain"/>); entries kept for <see cref="RevocationListOptions.Retention"/>.</summary>
public sealed class RevocationListGrain(
    [PersistentState("revocations", StorageNames.State)] IPersistentState<RevocationListState> state,
    IOptions<RevocationListOptions> options,
    TimeProvider time) : DurableGrain, IRevocationListGrain
{
    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Epoch is "")
        {
            state.State.Epoch = Guid.NewGuid().ToString("N");
            await WriteOrReloadAsync(state);
        }
    }

    /// <inheritdoc />
    public async Task<RevocationEntry> RevokeAsync(RevocationKind kind, string id, string tenant)
    {
        var entry = RevocationList.Revoke(state.State, kind, id, tenant, time.GetUtcNow(), options.Value.Retention);
        await WriteOrReloadAsync(state);
        return entry;
    }

    /// <inheritdoc />
    public Task<RevocationChanges> GetChangesAsync(string? epoch, long afterSequence)
    {
        // Read-only (interleaves): entries past retention are left out here and dropped by the next revocation.
        return Task.FromResult(RevocationList.ChangesSince(state.State, epoch, afterSequence, time.GetUtcNow()));
    }
}
