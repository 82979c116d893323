using TDeveloper.Client;

namespace TDeveloper.Cli;

/// <summary>The exit codes of every tdev command (docs/reach/cli.md lists them), and the one mapping of the client's errors to them (<see cref="Of"/>).</summary>
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

    /// <summary>The system refused the command (its state does not allow it, invalid input, a limit reached, the caller lacks the permission); nothing changed.</summary>
    public const int Refused = 4;

    /// <summary>The cluster (or the remote API) could not be reached.</summary>
    public const int Connection = 5;

    /// <summary>The remote API refused the credential (unknown, revoked or expired), or a remote profile has none: run <c>tdev login</c> again.</summary>
    public const int Unauthenticated = 6;

    /// <summary>Stopped by Ctrl-C.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of a client error: the one place <see cref="TDeveloperException"/> types become exit codes.</summary>
    public static int Of(TDeveloperException exception) => exception switch
    {
        TDeveloperNotFoundException => NotFound,
        TDeveloperUnauthenticatedException => Unauthenticated,
        TDeveloperConflictException or TDeveloperValidationException or TDeveloperLimitReachedException or TDeveloperAccessDeniedException => Refused,
        TDeveloperUnavailableException => Connection,
        _ => Failed, // WorkflowFailedException, WorkflowCancelledException, an unexpected answer
    };
}

/// <summary>An error a command reports as one line on stderr, with its exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>Gets the process exit code, one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
