using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Client;

/// <summary>Starts, finds and lists one tenant's sessions (<see cref="TDeveloperHandles.Sessions"/>).</summary>
public sealed class SessionClient
{
    private readonly ITDeveloperTransport _transport;

    internal SessionClient(ITDeveloperTransport transport) => _transport = transport;

    /// <summary>Creates a session with a new id and returns its handle.</summary>
    /// <param name="input">The owner and title; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the session may still be created).</param>
    /// <exception cref="TDeveloperLimitReachedException">The tenant or the cluster already has its maximum of open sessions.</exception>
    /// <exception cref="TDeveloperValidationException">The owner or title is invalid (remote).</exception>
    /// <exception cref="TDeveloperAccessDeniedException">The caller may not create sessions.</exception>
    /// <exception cref="TDeveloperUnauthenticatedException">The remote API refused the credential.</exception>
    /// <exception cref="TDeveloperUnavailableException">The cluster did not answer.</exception>
    public async Task<SessionHandle> StartAsync(CreateSessionInput? input = null, CancellationToken cancellationToken = default)
    {
        var session = await _transport.CreateSessionAsync(input ?? new CreateSessionInput(), cancellationToken);
        return new SessionHandle(_transport, session.Id, session);
    }

    /// <summary>Gets a handle of the session <paramref name="sessionId"/> without calling anything; the first call on it tells whether it exists.</summary>
    public SessionHandle GetHandle(string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return new SessionHandle(_transport, sessionId, null);
    }

    /// <summary>Gets a page of the tenant's sessions, newest first.</summary>
    /// <param name="query">Filters and paging; the first page of every session when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TDeveloperValidationException">The query is invalid (a limit out of range, a bad cursor).</exception>
    /// <exception cref="TDeveloperAccessDeniedException">The caller may not read sessions.</exception>
    /// <exception cref="TDeveloperUnauthenticatedException">The remote API refused the credential.</exception>
    /// <exception cref="TDeveloperUnavailableException">The cluster did not answer.</exception>
    public Task<SessionPage> ListAsync(SessionQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.ListSessionsAsync(query ?? new SessionQuery(), cancellationToken);
}
