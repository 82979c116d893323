namespace TDeveloper.Testing;

/// <summary>
/// Runs kinesalite (the Kinesis emulator pinned in tests/tools/package.json) on a free port, in memory, with streams
/// active as soon as they are created, through <see cref="NodeToolProcess"/>. It accepts any SigV4-signed request.
/// </summary>
public sealed class KinesaliteProcess : IAsyncDisposable
{
    private readonly NodeToolProcess _process;

    private KinesaliteProcess(NodeToolProcess process) => _process = process;

    /// <summary>Gets the emulator's URL.</summary>
    public string ServiceUrl => _process.ServiceUrl;

    /// <summary>Installs (if needed) and starts kinesalite, and waits until it listens.</summary>
    public static async Task<KinesaliteProcess> StartAsync() =>
        new(await NodeToolProcess.StartAsync("kinesalite", Path.Combine("kinesalite", "cli.js"), port => $"--port {port} --createStreamMs 0 --deleteStreamMs 0 --updateStreamMs 0 --shardLimit 100"));

    /// <summary>Kills the emulator at once (SIGKILL).</summary>
    public void Kill() => _process.Kill();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
