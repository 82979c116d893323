namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>The lifecycle states of a session.</summary>
/// <remarks>
/// Active → Paused → Resuming → Active; any live state (active, paused, resuming) → Terminating → Completed, or
/// Failed when its work could not be stopped cleanly. Completed and Failed are final. The legal moves are
/// listed in one place, the engine's transition table.
/// </remarks>
[GenerateSerializer]
public enum SessionStatus
{
    /// <summary>The session has not been created.</summary>
    None = 0,
    /// <summary>The session accepts and runs requests.</summary>
    Active = 1,
    /// <summary>The session accepts no new requests until resumed.</summary>
    Paused = 2,
    /// <summary>The session is coming back from a pause.</summary>
    Resuming = 3,
    /// <summary>The session is cancelling its work before it completes.</summary>
    Terminating = 4,
    /// <summary>The session has ended; it keeps its history but does no more work.</summary>
    Completed = 5,
    /// <summary>The session has ended, but ending it went wrong (for example a workflow could not be cancelled); it does no more work.</summary>
    Failed = 6,
}
