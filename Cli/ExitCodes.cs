namespace TDeveloper.Cli;

/// <summary>The exit codes of every tdev command (docs/reach/cli.md lists them).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command ran, but what it watched ended badly (a workflow failed or was cancelled), or an unexpected error.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: an unknown command or option, a missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>The session, workflow or step does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The system refused the command (its state does not allow it, invalid input, a limit reached); nothing changed.</summary>
    public const int Refused = 4;

    /// <summary>The cluster could not be reached.</summary>
    public const int Connection = 5;

    /// <summary>Stopped by Ctrl-C.</summary>
    public const int Cancelled = 130;
}

/// <summary>An error a command reports as one line on stderr, with its exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>Gets the process exit code, one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Turns a refused command into the matching error; returns the value when it was carried out.</summary>
    public static T Check<T>(Grains.Interfaces.CommandResult<T> result, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsOk) return result.Value;
        var code = result.Outcome == Grains.Interfaces.CommandOutcome.NotFound ? ExitCodes.NotFound : ExitCodes.Refused;
        throw new CliException(code, $"{what}: {result.Outcome}: {result.Error}");
    }
}
