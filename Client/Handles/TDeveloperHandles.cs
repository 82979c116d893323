namespace TDeveloper.Client;

/// <summary>
/// The handle-style client (in the manner of Temporal's): <see cref="Sessions"/> starts, finds and lists sessions and hands back
/// <see cref="SessionHandle"/>s; <see cref="Workflows"/> hands back <see cref="WorkflowHandle"/>s. Failures are thrown as
/// <see cref="TDeveloperException"/>s, never returned as null or outcome codes.
/// </summary>
/// <remarks>
/// One instance serves one tenant over one <see cref="ITDeveloperTransport"/>: embedded (<c>AddTDeveloperClient</c> or
/// <c>AddTDeveloperFacade</c> register it for <see cref="TDeveloperClientOptions.Tenant"/>; <see cref="ITDeveloperClient.ForTenant"/>
/// makes one for another tenant) or remote (<c>AddTDeveloperRemoteClient</c>, the credential's tenant). Thread-safe.
/// </remarks>
public sealed class TDeveloperHandles
{
    /// <summary>Creates the handles over <paramref name="transport"/>.</summary>
    public TDeveloperHandles(ITDeveloperTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        Transport = transport;
        Sessions = new SessionClient(transport);
        Workflows = new WorkflowClient(transport);
    }

    /// <summary>Gets the sessions: start one, get a handle by id, list.</summary>
    public SessionClient Sessions { get; }

    /// <summary>Gets the workflows: a handle by id.</summary>
    public WorkflowClient Workflows { get; }

    /// <summary>Gets the transport the handles call.</summary>
    public ITDeveloperTransport Transport { get; }
}
