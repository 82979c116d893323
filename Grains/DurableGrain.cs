namespace TDeveloper.Grains;

/// <summary>A grain whose in-memory state never outlives a failed write.</summary>
public abstract class DurableGrain : Grain
{
    /// <summary>
    /// Writes <paramref name="state"/>; if the write fails, the activation is dropped so that the next
    /// call reloads what was stored instead of building on a change that was never persisted.
    /// </summary>
    protected Task WriteOrReloadAsync<T>(IPersistentState<T> state) => WriteOrReloadAsync(() => state.WriteStateAsync());

    /// <summary>Runs <paramref name="write"/>; if it fails, the activation is dropped, as for <see cref="WriteOrReloadAsync{T}(IPersistentState{T})"/>.</summary>
    protected async Task WriteOrReloadAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
