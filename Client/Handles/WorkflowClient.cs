namespace TDeveloper.Client;

/// <summary>Hands back <see cref="WorkflowHandle"/>s of one tenant's workflows by id (<see cref="TDeveloperHandles.Workflows"/>).</summary>
public sealed class WorkflowClient
{
    private readonly ITDeveloperTransport _transport;

    internal WorkflowClient(ITDeveloperTransport transport) => _transport = transport;

    /// <summary>Gets a handle of the workflow <paramref name="workflowId"/> without calling anything.</summary>
    /// <param name="workflowId">The workflow id (a request's <see cref="Grains.Interfaces.Sessions.SubmittedRequest.WorkflowId"/>).</param>
    /// <param name="sessionId">Its session, when known: it lets the handle describe and cancel a request still queued; read from the workflow otherwise.</param>
    public WorkflowHandle GetHandle(string workflowId, string? sessionId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowId);
        return new WorkflowHandle(_transport, workflowId, sessionId, null);
    }
}
