namespace TDeveloper.Bench;

/// <summary>The baseline: bare Orleans, a grain with no state and one timer at the sessions' heartbeat period.</summary>
public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain and starts its timer (once).</summary>
    Task StartAsync(TimeSpan period);

    /// <summary>Stops the timer and lets the activation go.</summary>
    Task StopAsync();
}

/// <inheritdoc cref="ITimerGrain"/>
public sealed class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;

    /// <summary>Gets the ticks of every timer grain in the process.</summary>
    public static long Ticks => Interlocked.Read(ref _ticks);

    private static long _ticks;

    /// <inheritdoc/>
    public Task StartAsync(TimeSpan period)
    {
        _timer ??= this.RegisterGrainTimer(() =>
        {
            Interlocked.Increment(ref _ticks);
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(period, period));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync()
    {
        _timer?.Dispose();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
