using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using TDeveloper.Aws;

namespace TDeveloper.Aws.Tests;

/// <summary>
/// Starts dynalite (DynamoDB emulator, pinned in tests/tools/package.json) on a free port for the
/// tests of a collection, installing it with npm first when it is missing. A missing node or npm
/// is a clear failure, not a skip: these tests are the proof the adapters work.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private Process? _process;

    /// <summary>Gets the emulator's URL.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Gets client options pointing at the emulator, with tables created on demand.</summary>
    public DynamoDBClientOptions ClientOptions => Configure(new DynamoDBClientOptions());

    /// <summary>Points <paramref name="options"/> at the emulator and returns it.</summary>
    public T Configure<T>(T options) where T : DynamoDBClientOptions
    {
        options.ServiceUrl = ServiceUrl;
        options.Region = "us-east-1";
        options.AccessKey = "test";
        options.SecretKey = "test";
        options.CreateIfNotExists = true;
        return options;
    }

    /// <summary>Creates an SDK client for the emulator.</summary>
    public IAmazonDynamoDB CreateClient() => DynamoDBClientFactory.Create(ClientOptions);

    public async Task InitializeAsync()
    {
        var tools = ToolsDirectory();
        var cli = Path.Combine(tools, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli)) await RunAsync("npm", "install --no-audit --no-fund", tools, TimeSpan.FromMinutes(5));

        var port = FreePort();
        ServiceUrl = $"http://127.0.0.1:{port}";
        _process = Start("node", $"\"{cli}\" --port {port}", tools);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await IsListeningAsync(port))
        {
            if (_process.HasExited) throw new InvalidOperationException($"dynalite exited with code {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"dynalite did not listen on port {port} within 30 s.");
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        return Task.CompletedTask;
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
            })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' is needed to run the DynamoDB emulator (dynalite) but could not be started: {ex.Message}. Install Node.js 20 or later.", ex);
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

/// <summary>All tests that need dynalite share one emulator.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
