namespace TDeveloper.Bench;

/// <summary>One spinning thread per core, to see failover on a machine that is busy with other work.</summary>
public sealed class CpuBurner : IDisposable
{
    private volatile bool _stop;
    private readonly Thread[] _threads;

    /// <summary>Starts the spinning threads.</summary>
    public CpuBurner()
    {
        _threads = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(Spin) { IsBackground = true })];
        foreach (var thread in _threads) thread.Start();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads) thread.Join();
    }

    private void Spin()
    {
        var x = 0UL;
        while (!_stop) x = x * 6364136223846793005UL + 1442695040888963407UL;
        GC.KeepAlive(x);
    }
}
