using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains;

/// <summary>Registers what T-Developer's grains need from the container.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Binds and validates the session, workflow and agent options (validated at start), and adds the system clock.</summary>
    public static IServiceCollection AddTDeveloperGrains(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
