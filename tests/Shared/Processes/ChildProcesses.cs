using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TDeveloper.Testing;

/// <summary>
/// Everything the test or bench started, killed whenever the test or bench ends (normally, on an exception, on Ctrl-C
/// or SIGTERM), so no silo or emulator outlives it and holds its ports.
/// </summary>
public static class ChildProcesses
{
    private static readonly List<Func<ValueTask>> Stops = [];

    // Kept in a field: a registration that is collected stops handling its signal.
    private static readonly PosixSignalRegistration[] Signals =
        [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, _ => StopAll()))];

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    /// <summary>Kills <paramref name="process"/> and its children when the test or bench ends.</summary>
    public static void Track(Process process) => Track(() =>
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        return ValueTask.CompletedTask;
    });

    /// <summary>Runs <paramref name="stop"/> when the test or bench ends.</summary>
    public static void Track(Func<ValueTask> stop)
    {
        lock (Stops) Stops.Add(stop);
    }

    /// <summary>Stops everything tracked, newest first; safe to call more than once.</summary>
    public static void StopAll()
    {
        Func<ValueTask>[] stops;
        lock (Stops)
        {
            stops = [.. Stops];
            Stops.Clear();
        }

        foreach (var stop in stops.Reverse())
        {
            try
            {
                stop().AsTask().GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
