using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Agents.Balancing;
using TDeveloper.Grains.Interfaces.Registry;

namespace TDeveloper.Client;

/// <summary>The agent registry members of <see cref="ITDeveloperClient"/>.</summary>
public sealed partial class TDeveloperClient
{
    /// <inheritdoc />
    public async Task<AgentPoolSnapshot?> GetAgentPoolAsync(string tenant, string sessionId, CancellationToken cancellationToken = default) =>
        await GetSessionAsync(tenant, sessionId, cancellationToken) is null ? null
            : await clusterClient.GetGrain<IAgentPoolGrain>(GrainKeys.Session(tenant, sessionId)).GetAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ImmutableArray<AgentTypeInfo>> ListAgentTypesAsync(string tenant, CancellationToken cancellationToken = default) =>
        Registry(tenant).ListAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ImmutableArray<AgentTypeInfo>> FindAgentTypesAsync(string tenant, string capability, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capability);
        return Registry(tenant).FindByCapabilityAsync(capability).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<AgentTypeInfo?> GetAgentTypeAsync(string tenant, string name, CancellationToken cancellationToken = default) =>
        Registry(tenant).GetAsync(name).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult<AgentTypeInfo>> RegisterAgentTypeAsync(string tenant, AgentTypeDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Registry(tenant).RegisterAsync(definition).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<AgentTypeInfo>> UpdateAgentTypeAsync(string tenant, string name, AgentTypeDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Registry(tenant).UpdateAsync(name, definition).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<CommandResult<AgentTypeInfo>> UnregisterAgentTypeAsync(string tenant, string name, CancellationToken cancellationToken = default) =>
        Registry(tenant).UnregisterAsync(name).WaitAsync(cancellationToken);

    private IAgentRegistryGrain Registry(string tenant)
    {
        if (!GrainKeys.IsValidSegment(tenant)) throw new ArgumentException($"'{tenant}' is not a valid tenant.", nameof(tenant));
        return clusterClient.GetGrain<IAgentRegistryGrain>(tenant);
    }
}
