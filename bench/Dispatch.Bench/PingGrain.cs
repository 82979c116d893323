namespace TDeveloper.Bench;

/// <summary>The baseline: a grain call that does nothing, to measure bare Orleans in the same process.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Returns at once.</summary>
    Task PingAsync();
}

/// <inheritdoc cref="IPingGrain"/>
public sealed class PingGrain : Grain, IPingGrain
{
    /// <inheritdoc/>
    public Task PingAsync() => Task.CompletedTask;
}
