namespace TDeveloper.Grains.Interfaces.Agents.Balancing;

/// <summary>A workflow's request for an instance of an agent type to run one attempt of a step.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentLeaseRequest")]
public sealed record AgentLeaseRequest
{
    /// <summary>Gets the agent type.</summary>
    [Id(0)] public string AgentType { get; init; } = "";

    /// <summary>Gets the attempt's idempotency key: asking again with it returns the instance it already holds.</summary>
    [Id(1)] public string LeaseKey { get; init; } = "";

    /// <summary>Gets how long the attempt may run; the lease lapses after it if never released (a workflow lost with its silo).</summary>
    [Id(2)] public TimeSpan Timeout { get; init; }
}
