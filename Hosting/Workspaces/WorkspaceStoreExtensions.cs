using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Workspaces;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Workspaces;

/// <summary>Registers the store of workspace file bodies: local files, S3 or memory.</summary>
public static class WorkspaceStoreExtensions
{
    /// <summary>Keeps workspace bodies in local files under <paramref name="section"/>'s <c>Directory</c> (default <c>data/workspaces</c>).</summary>
    public static IServiceCollection AddLocalWorkspaceStore(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddSingleton<IValidateOptions<LocalWorkspaceStoreOptions>>(new KeyedDataAnnotationsValidator<LocalWorkspaceStoreOptions>(Options.DefaultName, section.Path));
        services.AddOptions<LocalWorkspaceStoreOptions>().Bind(section)
            .PostConfigure<IHostEnvironment>((o, host) =>
            {
                if (!string.IsNullOrWhiteSpace(o.Directory)) o.Directory = Path.GetFullPath(o.Directory, host.ContentRootPath);
            })
            .ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<IWorkspaceStore, LocalWorkspaceStore>());
        return services;
    }

    /// <summary>Keeps workspace bodies in S3, configured by <paramref name="section"/> (<c>TDeveloper:Workspaces:S3</c>).</summary>
    public static IServiceCollection AddS3WorkspaceStore(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddSingleton<IValidateOptions<S3BlobOptions>>(new KeyedDataAnnotationsValidator<S3BlobOptions>(Options.DefaultName, section.Path));
        services.AddOptions<S3BlobOptions>().Bind(section).ValidateOnStart();
        services.TryAddSingleton(sp => new S3BlobStore(sp.GetRequiredService<IOptions<S3BlobOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<IWorkspaceStore, S3WorkspaceStore>());
        return services;
    }

    /// <summary>Keeps workspace bodies in memory: nothing outlives the silo.</summary>
    public static IServiceCollection AddMemoryWorkspaceStore(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IWorkspaceStore, MemoryWorkspaceStore>());
        return services;
    }
}
