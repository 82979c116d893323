namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>How a command on a grain ended; the API maps each value to one HTTP status.</summary>
[GenerateSerializer]
public enum CommandOutcome
{
    /// <summary>The command was carried out.</summary>
    Ok = 0,
    /// <summary>The target does not exist.</summary>
    NotFound = 1,
    /// <summary>The target exists but its state does not allow the command.</summary>
    Conflict = 2,
    /// <summary>The command's input is invalid.</summary>
    Invalid = 3,
}
