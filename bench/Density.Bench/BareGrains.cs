using TDeveloper.Grains;

namespace TDeveloper.Bench;

/// <summary>The baseline: bare Orleans, a grain with no state that only answers.</summary>
public interface IBareGrain : IGrainWithStringKey
{
    /// <summary>Returns at once; the first call activates the grain.</summary>
    Task PingAsync();
}

/// <inheritdoc cref="IBareGrain"/>
public sealed class BareGrain : Grain, IBareGrain
{
    /// <inheritdoc/>
    public Task PingAsync() => Task.CompletedTask;
}

/// <summary>Bare Orleans with one small persisted state, written once.</summary>
public interface IBarePersistedGrain : IGrainWithStringKey
{
    /// <summary>Writes the state once.</summary>
    Task WriteAsync(int value);
}

/// <summary>A small state: about the size of a counter and a name.</summary>
[GenerateSerializer, Alias("TDeveloper.Bench.SmallState")]
public sealed record SmallState
{
    /// <summary>Gets or sets a number.</summary>
    [Id(0)] public int Value { get; set; }

    /// <summary>Gets or sets a short text.</summary>
    [Id(1)] public string Name { get; set; } = "";
}

/// <inheritdoc cref="IBarePersistedGrain"/>
public sealed class BarePersistedGrain([PersistentState("small", StorageNames.State)] IPersistentState<SmallState> state) : Grain, IBarePersistedGrain
{
    /// <inheritdoc/>
    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        state.State.Name = "bench";
        return state.WriteStateAsync();
    }
}
