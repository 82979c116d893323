using System.Diagnostics;

namespace TDeveloper.Testing;

/// <summary>
/// Finds Debian's <c>chromium</c> for browser tests, installing it with apt when missing: once per test run, under a
/// machine-wide lock file so test projects running in parallel never run apt twice. No browser is ever downloaded from
/// elsewhere (Playwright's own download cannot work here, and is not needed: it drives this one). A failure is a clear
/// error naming the command to run by hand, not a skip.
/// </summary>
public static class ChromiumInstaller
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    /// <summary>The environment variable that names another Chromium executable to use instead (nothing is installed then).</summary>
    public const string ExecutableVariable = "TDEV_CHROMIUM";

    // One try per process: every test that needs the browser shares it, including its failure.
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the path of the Chromium executable, installing the <c>chromium</c> package first when it is missing.</summary>
    public static Task<string> EnsureInstalledAsync() => Installed.Value;

    private static async Task<string> InstallAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"{ExecutableVariable}={configured}: no such file.");
        }

        if (File.Exists(DefaultExecutable)) return DefaultExecutable;

        // Another test process may be installing it: wait for its lock, then look again.
        await using (await InstallLock.AcquireAsync(Path.Combine(Path.GetTempPath(), "tdeveloper-chromium-install.lock"), TimeSpan.FromMinutes(15)))
        {
            if (File.Exists(DefaultExecutable)) return DefaultExecutable;
            var (command, prefix) = AptCommand();
            await RunAsync(command, [.. prefix, "apt-get", "update"], TimeSpan.FromMinutes(5));
            await RunAsync(command, [.. prefix, "apt-get", "install", "-y", "chromium"], TimeSpan.FromMinutes(10));
        }

        return File.Exists(DefaultExecutable)
            ? DefaultExecutable
            : throw new InvalidOperationException($"'apt-get install -y chromium' succeeded but {DefaultExecutable} is missing.");
    }

    /// <summary>apt-get itself as root, or through <c>sudo -n</c> (never prompting) otherwise.</summary>
    private static (string Command, string[] Prefix) AptCommand()
    {
        const string Help = "Browser tests need Debian's chromium: install it with 'apt-get update && apt-get install -y chromium' (as root), or set " + ExecutableVariable + " to a Chromium executable.";
        if (!File.Exists("/usr/bin/apt-get")) throw new InvalidOperationException($"{DefaultExecutable} is missing and this machine has no apt-get. {Help}");
        if (Environment.IsPrivilegedProcess) return ("env", ["DEBIAN_FRONTEND=noninteractive"]);
        if (File.Exists("/usr/bin/sudo")) return ("/usr/bin/sudo", ["-n", "env", "DEBIAN_FRONTEND=noninteractive"]);
        throw new InvalidOperationException($"{DefaultExecutable} is missing, the tests do not run as root and there is no sudo. {Help}");
    }

    private static async Task RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var shown = string.Join(' ', arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{shown}' could not be started.");
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
            throw new TimeoutException($"'{shown}' did not finish within {timeout.TotalMinutes:0} min.");
        }

        if (process.ExitCode != 0)
        {
            var tail = string.Join(Environment.NewLine, (await output + await error).Split('\n').TakeLast(20));
            throw new InvalidOperationException($"'{shown}' failed with code {process.ExitCode} while installing Chromium for the browser tests:{Environment.NewLine}{tail}");
        }
    }

}
