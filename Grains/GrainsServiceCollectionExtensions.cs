using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using TDeveloper.Grains.Agents.Memory;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Persistence;
using TDeveloper.Grains.Security.Audit;
using TDeveloper.Grains.Security.Crypto;
using TDeveloper.Grains.Security.Identity;
using TDeveloper.Grains.Sessions.Memory;
using TDeveloper.Grains.Workflows;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Grains;

/// <summary>Registers what T-Developer's grains need from the container.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the session, workflow, agent and workspace options (validated at start), adds the system clock,
    /// a memory workspace store unless the host chose another,
    /// the record store and journal over the <see cref="StorageNames.State"/> grain storage, and the service that
    /// wakes in-flight workflows after a silo is lost.
    /// </summary>
    public static IServiceCollection AddTDeveloperGrains(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotationsNamingKeys(SessionOptions.Section).ValidateOnStart();
        services.AddOptions<SessionHealthOptions>().BindConfiguration(SessionHealthOptions.Section).ValidateDataAnnotationsNamingKeys(SessionHealthOptions.Section).ValidateOnStart();
        services.AddOptions<SessionRecoveryOptions>().BindConfiguration(SessionRecoveryOptions.Section).ValidateDataAnnotationsNamingKeys(SessionRecoveryOptions.Section).ValidateOnStart();
        services.AddOptions<SessionMonitoringOptions>().BindConfiguration(SessionMonitoringOptions.Section).ValidateDataAnnotationsNamingKeys(SessionMonitoringOptions.Section).ValidateOnStart();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateDataAnnotationsNamingKeys(WorkflowOptions.Section).ValidateOnStart();
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateDataAnnotationsNamingKeys(AgentOptions.Section).ValidateOnStart();
        services.AddOptions<Registry.AgentRegistryOptions>().BindConfiguration(Registry.AgentRegistryOptions.Section).ValidateDataAnnotationsNamingKeys(Registry.AgentRegistryOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Registry.AgentRegistryOptions>, Registry.AgentRegistryOptionsValidator>());
        services.TryAddSingleton<Registry.AgentRegistryCache>();
        services.AddOptions<Agents.Balancing.AgentBalancingOptions>().BindConfiguration(Agents.Balancing.AgentBalancingOptions.Section).ValidateDataAnnotationsNamingKeys(Agents.Balancing.AgentBalancingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Agents.Balancing.AgentBalancingOptions>, Agents.Balancing.AgentBalancingOptionsValidator>());
        services.TryAddSingleton<Agents.Balancing.SiloLoadMonitor>();
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotationsNamingKeys(MemoryOptions.Section).ValidateOnStart();
        services.AddOptions<Queueing.QueueOptions>().BindConfiguration(Queueing.QueueOptions.Section).ValidateDataAnnotationsNamingKeys(Queueing.QueueOptions.Section).ValidateOnStart();
        services.AddOptions<WorkspaceOptions>().BindConfiguration(WorkspaceOptions.Section).ValidateDataAnnotationsNamingKeys(WorkspaceOptions.Section).ValidateOnStart();
        services.AddOptions<MemoryEmbeddingOptions>().BindConfiguration(MemoryEmbeddingOptions.Section).ValidateDataAnnotationsNamingKeys(MemoryEmbeddingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MemoryEmbeddingOptions>, MemoryEmbeddingOptionsValidator>());
        services.AddOptions<SessionMemoryOptions>().BindConfiguration(SessionMemoryOptions.Section).ValidateDataAnnotationsNamingKeys(SessionMemoryOptions.Section).ValidateOnStart();
        services.AddOptions<Supervision.Decision.DecisionOptions>().BindConfiguration(Supervision.Decision.DecisionOptions.Section).ValidateDataAnnotationsNamingKeys(Supervision.Decision.DecisionOptions.Section).ValidateOnStart();
        services.TryAddSingleton<Supervision.Decision.IIntentClassifier, Supervision.Decision.ModelIntentClassifier>();
        services.TryAddSingleton<Supervision.Decision.DecisionEngine>();
        services.AddOptions<Routing.RoutingAlertOptions>().BindConfiguration(Routing.RoutingAlertOptions.Section).ValidateDataAnnotationsNamingKeys(Routing.RoutingAlertOptions.Section).ValidateOnStart();
        services.TryAddSingleton<Routing.RoutingAlertMonitor>();
        services.TryAddSingleton(sp => new MemoryEmbedder(
            sp.GetRequiredService<IOptions<MemoryEmbeddingOptions>>().Value,
            () => sp.GetRequiredService<IModelEmbeddings>().Get(sp.GetRequiredService<IOptions<MemoryEmbeddingOptions>>().Value.EmbeddingModel),
            sp.GetRequiredService<ILogger<MemoryEmbedder>>()));
        services.AddTDeveloperIdentityGrains();
        services.TryAddSingleton<IWorkspaceStore, MemoryWorkspaceStore>();
        services.AddTDeveloperCheckpoints();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RecordStore(sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.State), sp.GetRequiredService<Orleans.Serialization.Serializer>(), sp.GetRequiredService<StateSealing>()));
        services.TryAddSingleton<StateSealing>();
        services.AddSingleton<Journal>();
        services.AddTDeveloperAuditLog();
        services.AddSingleton<WorkflowRecoveryService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WorkflowRecoveryService>());
        return services;
    }
}
