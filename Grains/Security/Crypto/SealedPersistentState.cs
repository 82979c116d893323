namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// An <see cref="IPersistentState{TState}"/> whose <see cref="State"/> is plaintext and whose stored form is sealed
/// (<see cref="StateSealing.Protect{T}"/>). The inner state Orleans injected holds the sealed copy written last.
/// </summary>
/// <remarks>
/// Opening runs at <see cref="GrainLifecycleStage.SetupState"/> + 1, after Orleans has read the state and before the
/// grain activates. The ETag and existence are the inner state's, so the store's optimistic concurrency is unchanged.
/// </remarks>
internal sealed class SealedPersistentState<T> : IPersistentState<T> where T : class
{
    private readonly IPersistentState<T> _stored;
    private readonly StateSealing _sealing;
    private readonly string _owner;
    private readonly SealedFieldCache _cache = new();
    private T _state;

    public SealedPersistentState(IPersistentState<T> stored, StateSealing sealing, string owner, IGrainContext grain)
    {
        _stored = stored;
        _sealing = sealing;
        _owner = owner;
        _state = stored.State;
        grain.ObservableLifecycle.Subscribe($"{nameof(SealedPersistentState<T>)}:{owner}", GrainLifecycleStage.SetupState + 1, _ => OpenAsync());
    }

    public T State
    {
        get => _state;
        set => _state = value;
    }

    public string? Etag => _stored.Etag;

    public bool RecordExists => _stored.RecordExists;

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    public async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        await _stored.ReadStateAsync(cancellationToken);
        await OpenAsync();
    }

    public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

    public async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        _stored.State = await _sealing.SealedCopyAsync(_state, _owner, _cache);
        await _stored.WriteStateAsync(cancellationToken);
    }

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    public async Task ClearStateAsync(CancellationToken cancellationToken)
    {
        await _stored.ClearStateAsync(cancellationToken);
        _cache.Clear();
        _state = _stored.State;
    }

    private async Task OpenAsync()
    {
        var state = _stored.State;
        await _sealing.OpenAsync(state, _owner, _cache);
        _state = state;
    }
}
