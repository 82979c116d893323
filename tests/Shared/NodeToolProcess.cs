using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TDeveloper.Testing;

/// <summary>
/// Runs a Node.js tool pinned in tests/tools/package.json, installing the tools with npm first when missing: an
/// emulator such as dynalite or s3rver on a free port, waiting until it listens, or a tool that runs to its end such as
/// the OpenAPI linter. Shared by the test fixtures and the benchmarks. A missing node or npm is a clear error, not a skip.
/// </summary>
public sealed class NodeToolProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeToolProcess(Process process, string serviceUrl)
    {
        _process = process;
        ServiceUrl = serviceUrl;
    }

    /// <summary>Gets the tool's URL (<c>http://127.0.0.1:{port}</c>).</summary>
    public string ServiceUrl { get; }

    /// <summary>Installs (if needed) and starts a tool, and waits until it listens.</summary>
    /// <param name="name">The tool's name, for messages.</param>
    /// <param name="script">The script node runs, relative to tests/tools/node_modules, e.g. <c>dynalite/cli.js</c>.</param>
    /// <param name="arguments">The script's arguments for a port.</param>
    public static async Task<NodeToolProcess> StartAsync(string name, string script, Func<int, string> arguments)
    {
        var (tools, cli) = await EnsureInstalledAsync(script);
        var port = FreePort();
        var process = Start("node", $"\"{cli}\" {arguments(port)}", tools);
        // A bounded poll on purpose: node announces nothing the test can await; the port is the fact.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await IsListeningAsync(port))
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} did not listen on port {port} within 30 s.");
            await Task.Delay(100);
        }

        return new NodeToolProcess(process, $"http://127.0.0.1:{port}");
    }

    /// <summary>Installs (if needed) and runs a tool that exits by itself (a linter), and returns its exit code and output.</summary>
    /// <param name="name">The tool's name, for messages.</param>
    /// <param name="script">The script node runs, relative to tests/tools/node_modules, e.g. <c>@redocly/cli/bin/cli.js</c>.</param>
    /// <param name="arguments">The script's arguments.</param>
    /// <param name="timeout">How long the tool may run before it is killed and this throws.</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunToCompletionAsync(string name, string script, string arguments, TimeSpan timeout)
    {
        var (tools, cli) = await EnsureInstalledAsync(script);
        using var process = Start("node", $"\"{cli}\" {arguments}", tools);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Installs the tools with npm when <paramref name="requiredFile"/> (relative to tests/tools/node_modules) is missing, and returns the tests/tools directory.</summary>
    /// <param name="requiredFile">A file a newly added package brings, e.g. <c>kubernetes-models/package.json</c>.</param>
    public static async Task<string> EnsureToolsAsync(string requiredFile) => (await EnsureInstalledAsync(requiredFile)).Tools;

    /// <summary>Kills the tool at once (SIGKILL), as a lost endpoint would look to its clients.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<(string Tools, string Cli)> EnsureInstalledAsync(string script)
    {
        var tools = ToolsDirectory();
        var cli = Path.Combine(tools, "node_modules", script);
        if (!File.Exists(cli))
        {
            // Test projects run in parallel: one process installs, the others wait for it.
            await using var installLock = await InstallLock.AcquireAsync(Path.Combine(tools, ".install.lock"), TimeSpan.FromMinutes(5));
            if (!File.Exists(cli)) await RunAsync("npm", "ci --no-audit --no-fund", tools, TimeSpan.FromMinutes(5));
        }

        return (tools, cli);
    }

    private static string ToolsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "package.json");
            if (File.Exists(candidate)) return Path.GetDirectoryName(candidate)!;
        }

        throw new InvalidOperationException("tests/tools/package.json not found above " + AppContext.BaseDirectory);
    }

    private static Process Start(string file, string arguments, string workingDirectory)
    {
        try
        {
            return Process.Start(new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                Environment =
                {
                    // Tools run offline: no telemetry, no update check.
                    ["REDOCLY_TELEMETRY"] = "off",
                    ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
                    ["NO_UPDATE_NOTIFIER"] = "1",
                },
            })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' is needed to run the test tools (tests/tools) but could not be started: {ex.Message}. Install Node.js 20 or later.", ex);
        }
    }

    private static async Task RunAsync(string file, string arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(file, arguments, workingDirectory);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{file} {arguments}' failed with code {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
