using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TDeveloper.Aws.Workspaces;
using TDeveloper.Grains.Checkpoints;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Hosting.Checkpoints;

/// <summary>Registers the store of checkpoint bodies: local files, S3 or memory (<c>TDeveloper:Providers:Checkpoints</c>, by default the workspace store's kind).</summary>
public static class CheckpointStoreExtensions
{
    /// <summary>The name of the <see cref="S3BlobOptions"/> of the checkpoint store.</summary>
    public const string S3OptionsName = "Checkpoints";

    /// <summary>The key prefix of checkpoint bodies in S3 unless <c>TDeveloper:Sessions:Checkpoints:S3:KeyPrefix</c> says otherwise.</summary>
    public const string DefaultS3KeyPrefix = "checkpoints/";

    /// <summary>Keeps checkpoint bodies in local files under <c>TDeveloper:Sessions:Checkpoints:Directory</c> (default <c>data/checkpoints</c>, under the content root).</summary>
    public static IServiceCollection AddLocalCheckpointStore(this IServiceCollection services)
    {
        services.AddOptions<CheckpointOptions>().PostConfigure<IHostEnvironment>((o, host) =>
        {
            if (!string.IsNullOrWhiteSpace(o.Directory)) o.Directory = Path.GetFullPath(o.Directory, host.ContentRootPath);
        });
        services.Replace(ServiceDescriptor.Singleton<ICheckpointBlobStore, LocalCheckpointBlobStore>());
        return services;
    }

    /// <summary>
    /// Keeps checkpoint bodies in S3: the settings of <paramref name="section"/> (<c>TDeveloper:Sessions:Checkpoints:S3</c>) over
    /// those of <paramref name="workspaceSection"/> (<c>TDeveloper:Workspaces:S3</c>), so by default the workspace bucket, under
    /// <see cref="DefaultS3KeyPrefix"/>.
    /// </summary>
    public static IServiceCollection AddS3CheckpointStore(this IServiceCollection services, IConfigurationSection section, IConfigurationSection workspaceSection)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(workspaceSection);
        services.AddSingleton<IValidateOptions<S3BlobOptions>>(new KeyedDataAnnotationsValidator<S3BlobOptions>(S3OptionsName, section.Path));
        services.AddOptions<S3BlobOptions>(S3OptionsName).Configure(o =>
        {
            workspaceSection.Bind(o);
            o.KeyPrefix = DefaultS3KeyPrefix;
            section.Bind(o);
        }).ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<ICheckpointBlobStore>(sp =>
            new S3CheckpointBlobStore(new S3BlobStore(sp.GetRequiredService<IOptionsMonitor<S3BlobOptions>>().Get(S3OptionsName)))));
        return services;
    }

    /// <summary>Keeps checkpoint bodies in memory: nothing outlives the silo.</summary>
    public static IServiceCollection AddMemoryCheckpointStore(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ICheckpointBlobStore, MemoryCheckpointBlobStore>());
        return services;
    }
}
