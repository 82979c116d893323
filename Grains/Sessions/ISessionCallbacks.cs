using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Sessions;

/// <summary>What other grains tell a session (the same grain as <see cref="Interfaces.Sessions.ISessionGrain"/>); not part of the client contract.</summary>
[TenantScoped("sessions/{0}")]
public interface ISessionCallbacks : IGrainWithStringKey
{
    /// <summary>A workflow of this session has finished; a repeated notice changes nothing. Returns once it is durable.</summary>
    [SystemOnly]
    Task OnWorkflowFinishedAsync(string workflowId, WorkflowStatus status);

    /// <summary>The crash-recovery queue reports an attempt to recover this session; after a final failure the session ends as failed. Returns once durable.</summary>
    [SystemOnly]
    Task OnRecoveryAttemptedAsync(Recovery.RecoveryAttempt attempt);

    /// <summary>
    /// The session's shared memory took new items (a step's result, an agent's promoted memory): a significant change, so the
    /// session takes a change checkpoint (debounced). Told one way, at most once per the memory's save interval.
    /// </summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task OnMemoryChangedAsync(string reason);

    /// <summary>A routing alert was raised or cleared at a task of this session: recorded as a <c>RoutingAlert</c> event. Told one way.</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task OnRoutingAlertAsync(string agent, string status, string message);
}
