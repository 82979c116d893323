using TDeveloper.Grains.Interfaces.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>Registers what session checkpoints need.</summary>
public static class CheckpointServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="CheckpointOptions"/> (<c>TDeveloper:Sessions:Checkpoints</c>), adds the
    /// <see cref="CheckpointCodec"/>, and a memory checkpoint store unless the host chose another.
    /// </summary>
    public static IServiceCollection AddTDeveloperCheckpoints(this IServiceCollection services)
    {
        services.AddOptions<CheckpointOptions>().BindConfiguration(CheckpointOptions.Section).ValidateDataAnnotationsNamingKeys(CheckpointOptions.Section).ValidateOnStart();
        services.TryAddSingleton<ICheckpointBlobStore, MemoryCheckpointBlobStore>();
        services.TryAddSingleton<CheckpointCodec>();
        return services;
    }
}
