using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Grains.Interfaces.Registry;

/// <summary>
/// A tenant's agent registry (key: the tenant): the six built-in types, the custom types of configuration
/// (<c>TDeveloper:Agents:Custom</c>) and those registered over the API, each with capabilities, capacity, timeout,
/// status and health (checked every 30 s while the registry is active). Durable: custom types and changes live in grain storage,
/// custom system prompts sealed.
/// </summary>
[TenantScoped("agents", KeyIsTenant = true)]
public interface IAgentRegistryGrain : IGrainWithStringKey
{
    /// <summary>Gets every type of the tenant, built-ins first, then custom types by name.</summary>
    [RequiresPermission(Permissions.AgentsRead)]
    Task<ImmutableArray<AgentTypeInfo>> ListAsync();

    /// <summary>Gets one type by name, or <see langword="null"/> when the tenant has none of that name.</summary>
    [RequiresPermission(Permissions.AgentsRead)]
    Task<AgentTypeInfo?> GetAsync(string name);

    /// <summary>Gets the types that have <paramref name="capability"/> (case-insensitive), Active first.</summary>
    [RequiresPermission(Permissions.AgentsRead)]
    Task<ImmutableArray<AgentTypeInfo>> FindByCapabilityAsync(string capability);

    /// <summary>Registers a custom type.</summary>
    /// <returns>Ok with the type; Invalid with every problem of the definition; Conflict when a type of that name exists.</returns>
    [RequiresPermission(Permissions.AgentsManage)]
    Task<CommandResult<AgentTypeInfo>> RegisterAsync(AgentTypeDefinition definition);

    /// <summary>Replaces a type's definition (a built-in's description, capabilities, version, capacity, timeout and status only).</summary>
    /// <returns>Ok with the type; NotFound when there is none of that name; Invalid with every problem of the definition.</returns>
    [RequiresPermission(Permissions.AgentsManage)]
    Task<CommandResult<AgentTypeInfo>> UpdateAsync(string name, AgentTypeDefinition definition);

    /// <summary>Removes a custom type registered over the API; plans already running keep their steps' agents until they end.</summary>
    /// <returns>Ok with the removed type; NotFound; Conflict for a built-in or configured type (disable it instead).</returns>
    [RequiresPermission(Permissions.AgentsManage)]
    Task<CommandResult<AgentTypeInfo>> UnregisterAsync(string name);
}
