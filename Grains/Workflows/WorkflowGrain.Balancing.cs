using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Grains.Workflows;

// Which instance of its agent type each attempt runs on (issue 13 item 3): leased from the session's IAgentPoolGrain.
public sealed partial class WorkflowGrain
{
    private IAgentPoolGrain? _pool;
    private bool? _balancingEnabled;

    private bool BalancingEnabled => _balancingEnabled ??= ServiceProvider.GetRequiredService<IOptions<AgentBalancingOptions>>().Value.Enabled;

    private IAgentPoolGrain Pool => _pool ??= GrainFactory.GetGrain<IAgentPoolGrain>(_state.SessionKey);

    /// <summary>Leases an instance for each new attempt and records it on the step, before the write that starts the attempt.</summary>
    /// <remarks>A balancer that does not answer costs nothing but the balance: the attempt goes to instance 0.</remarks>
    private async Task LeaseInstancesAsync(IEnumerable<(PlanStep Step, int Attempt, bool Compensation)> attempts)
    {
        if (!BalancingEnabled) return;
        var leases = attempts.Where(a => a.Step.Kind == StepKind.Agent)
            .Select(a => (a.Step.Id, Request: new AgentLeaseRequest
            {
                AgentType = _engine.AgentOf(a.Step), LeaseKey = IdempotencyKeyOf(a.Step, a.Attempt, a.Compensation), Timeout = a.Step.Timeout ?? _options.StepTimeout,
            }))
            .ToList();
        if (leases.Count == 0) return;
        var instances = await Task.WhenAll(leases.Select(lease => AcquireAsync(lease.Request)));
        foreach (var ((stepId, _), instance) in leases.Zip(instances)) _engine.AssignInstance(stepId, instance);
    }

    private async Task<int> AcquireAsync(AgentLeaseRequest request)
    {
        try
        {
            return await Pool.AcquireAsync(request);
        }
        catch (Exception ex)
        {
            LogLeaseFailed(ex, WorkflowId, request.AgentType);
            return 0;
        }
    }

    /// <summary>Ends an attempt's lease; one-way, so a lost balancer costs nothing (its leases lapse).</summary>
    private void ReleaseLease(string leaseKey)
    {
        if (BalancingEnabled) _ = Pool.ReleaseAsync(leaseKey);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not lease a {Agent} instance from its session's balancer; the attempt goes to instance 0")]
    private partial void LogLeaseFailed(Exception exception, string workflowId, string agent);
}
