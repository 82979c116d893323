namespace TDeveloper.Testing;

/// <summary>Runs dynalite (the DynamoDB emulator pinned in tests/tools/package.json) on a free port, through <see cref="NodeToolProcess"/>.</summary>
public sealed class DynaliteProcess : IAsyncDisposable
{
    private readonly NodeToolProcess _process;

    private DynaliteProcess(NodeToolProcess process) => _process = process;

    /// <summary>Gets the emulator's URL.</summary>
    public string ServiceUrl => _process.ServiceUrl;

    /// <summary>Installs (if needed) and starts dynalite, and waits until it listens.</summary>
    public static async Task<DynaliteProcess> StartAsync() =>
        new(await NodeToolProcess.StartAsync("dynalite", Path.Combine("dynalite", "cli.js"), port => $"--port {port}"));

    /// <summary>Kills the emulator at once (SIGKILL), as a lost endpoint would look to its clients.</summary>
    public void Kill() => _process.Kill();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
