namespace TDeveloper.Grains.Interfaces.Sessions;

/// <summary>
/// A user's working session, keyed <c>{tenant}/{sessionId}</c>: it owns the workflows of its
/// requests, keeps a heartbeat, checkpoints itself and ends after its maximum lifetime.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session; refused with <see cref="CommandOutcome.Conflict"/> if it exists.</summary>
    Task<SessionCommandResult> CreateAsync(CreateSessionInput input);

    /// <summary>Gets the session, or <see langword="null"/> when it was never created.</summary>
    Task<SessionSnapshot?> GetAsync();

    /// <summary>Has the supervisor plan a request and starts the workflow that carries it out.</summary>
    Task<SubmitRequestResult> SubmitRequestAsync(SubmitRequestInput input);

    /// <summary>Pauses an active session: it accepts no new requests until resumed.</summary>
    Task<SessionCommandResult> PauseAsync();

    /// <summary>Resumes a paused session.</summary>
    Task<SessionCommandResult> ResumeAsync();

    /// <summary>Cancels the running workflows of the session and ends it.</summary>
    Task<SessionCommandResult> CancelAsync(string reason);

    /// <summary>Ends a session whose workflows have all finished.</summary>
    Task<SessionCommandResult> CompleteAsync();
}
