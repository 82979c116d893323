using System.Collections.Concurrent;
using System.Diagnostics;

namespace TDeveloper.Testing;

/// <summary>A silo host running as a child process (<c>dotnet TDeveloper.Silo.dll</c>), its output kept with arrival times.</summary>
public sealed class SiloProcess
{
    private readonly Process _process;
    private readonly ConcurrentQueue<(DateTimeOffset At, string Line)> _lines = new();
    private readonly StreamWriter _log;

    private SiloProcess(Process process, string logPath, int httpPort)
    {
        _process = process;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        ApiUrl = new Uri($"http://127.0.0.1:{httpPort}");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Gets the silo's HTTP address (API and health).</summary>
    public Uri ApiUrl { get; }

    /// <summary>Starts the silo and waits until its health endpoint answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(string siloDll, int httpPort, IEnumerable<string> arguments, IDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: there the silo finds its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(siloDll);
        foreach (var argument in arguments.Concat([$"--urls=http://127.0.0.1:{httpPort}",
                     // One line per entry, so a line can be matched and timed on arrival.
                     "--Logging:Console:FormatterName=simple", "--Logging:Console:FormatterOptions:SingleLine=true"]))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        ChildProcesses.Track(process);
        var silo = new SiloProcess(process, logPath, httpPort);
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>Kills the silo at once (SIGKILL on Linux): no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Gets when the first output line after <paramref name="after"/> that satisfies <paramref name="match"/> arrived.</summary>
    public DateTimeOffset? FirstLine(DateTimeOffset after, Func<string, bool> match) =>
        _lines.Where(l => l.At >= after && match(l.Line)).Select(l => (DateTimeOffset?)l.At).FirstOrDefault();

    private void Keep(string? line)
    {
        if (line is null) return;
        var at = DateTimeOffset.UtcNow;
        _lines.Enqueue((at, line));
        lock (_log) _log.WriteLine($"{at:HH:mm:ss.fff} {line}");
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The silo at {ApiUrl} was not healthy within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Tail()}");
            try
            {
                if ((await http.GetAsync(new Uri(ApiUrl, "/health"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(250);
        }
    }

    private string Tail() => string.Join(Environment.NewLine, _lines.TakeLast(30).Select(l => l.Line));
}
