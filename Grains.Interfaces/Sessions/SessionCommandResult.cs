namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>Result of a command on a session: the outcome, a reason when it failed, and the session afterwards.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.SessionCommandResult")]
public sealed record SessionCommandResult
{
    /// <summary>Gets how the command ended.</summary>
    [Id(0)] public CommandOutcome Outcome { get; init; }

    /// <summary>Gets why the command was refused, when it was.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>Gets the session after the command, when it exists.</summary>
    [Id(2)] public SessionSnapshot? Session { get; init; }

    /// <summary>Creates a successful result.</summary>
    public static SessionCommandResult Ok(SessionSnapshot session) => new() { Outcome = CommandOutcome.Ok, Session = session };

    /// <summary>Creates a refused result.</summary>
    public static SessionCommandResult Refused(CommandOutcome outcome, string error, SessionSnapshot? session = null) =>
        new() { Outcome = outcome, Error = error, Session = session };
}
