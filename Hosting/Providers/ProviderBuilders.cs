using System.Net;
using Orleans.Providers;
using TDeveloper.Aws;
using TDeveloper.Aws.Membership;
using TDeveloper.Aws.Reminders;
using TDeveloper.Aws.Storage;
using TDeveloper.Hosting.Checkpoints;
using TDeveloper.Hosting.Providers;
using TDeveloper.Hosting.Reminders;
using TDeveloper.Hosting.Storage;
using TDeveloper.Hosting.Workspaces;

// Our providers, registered the way Orleans registers its own, so that Orleans' configuration also reaches them
// (e.g. Orleans:Reminders:ProviderType=File). "Memory" is Orleans' own and is not registered again here.
[assembly: RegisterProvider(ProviderNames.Localhost, ProviderKinds.Clustering, "Silo", typeof(LocalhostClusteringProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.DynamoDB, ProviderKinds.Clustering, "Silo", typeof(DynamoDBClusteringProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.DynamoDB, ProviderKinds.Clustering, "Client", typeof(DynamoDBClusteringProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.File, ProviderKinds.GrainStorage, "Silo", typeof(FileGrainStorageProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.DynamoDB, ProviderKinds.GrainStorage, "Silo", typeof(DynamoDBGrainStorageProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.File, ProviderKinds.Reminders, "Silo", typeof(FileReminderTableProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.DynamoDB, ProviderKinds.Reminders, "Silo", typeof(DynamoDBReminderProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.File, ProviderKinds.Workspaces, "Silo", typeof(FileWorkspaceProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.S3, ProviderKinds.Workspaces, "Silo", typeof(S3WorkspaceProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.Memory, ProviderKinds.Workspaces, "Silo", typeof(MemoryWorkspaceProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.File, ProviderKinds.Checkpoints, "Silo", typeof(FileCheckpointProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.S3, ProviderKinds.Checkpoints, "Silo", typeof(S3CheckpointProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.Memory, ProviderKinds.Checkpoints, "Silo", typeof(MemoryCheckpointProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.Local, ProviderKinds.Keys, "Silo", typeof(TDeveloper.Hosting.Security.LocalKeysProviderBuilder))]
[assembly: RegisterProvider(ProviderNames.Kms, ProviderKinds.Keys, "Silo", typeof(TDeveloper.Hosting.Security.KmsKeysProviderBuilder))]

namespace TDeveloper.Hosting.Providers;

/// <summary>Localhost clustering on the ports of the section (<c>TDeveloper:Silo</c>: SiloPort, GatewayPort, PrimarySiloPort, ClusterId, ServiceId).</summary>
internal sealed class LocalhostClusteringProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        var endpoints = configurationSection.Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        builder.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, new IPEndPoint(IPAddress.Loopback, endpoints.PrimarySiloPort), endpoints.ServiceId, endpoints.ClusterId);
    }
}

/// <summary>
/// The DynamoDB adapters read the endpoint settings of <see cref="AwsModeOptions"/> from the section (<c>TDeveloper:Aws</c>),
/// and the table from its <c>TableName</c> key, else from the section's table for that concern (e.g. <c>MembershipTable</c>).
/// </summary>
internal static class DynamoDBSection
{
    public static (AwsModeOptions Aws, string? TableName) Read(IConfigurationSection section) =>
        (section.Get<AwsModeOptions>() ?? new AwsModeOptions(), section["TableName"]);
}

/// <summary>DynamoDB membership, for silos and clients.</summary>
internal sealed class DynamoDBClusteringProviderBuilder : IProviderBuilder<ISiloBuilder>, IProviderBuilder<IClientBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseDynamoDBClustering(o => Configure(o, configurationSection));

    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseDynamoDBClustering(o => Configure(o, configurationSection));

    private static void Configure(DynamoDBClusteringOptions options, IConfigurationSection section)
    {
        var (aws, table) = DynamoDBSection.Read(section);
        aws.ApplyTo(options).TableName = table ?? aws.MembershipTable;
    }
}

/// <summary>Grain state in local files (<see cref="FileGrainStorage"/>).</summary>
internal sealed class FileGrainStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.AddFileGrainStorage(name ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configurationSection);
}

/// <summary>Grain state in DynamoDB.</summary>
internal sealed class DynamoDBGrainStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        var (aws, table) = DynamoDBSection.Read(configurationSection);
        builder.AddDynamoDBGrainStorage(name ?? ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (DynamoDBStorageOptions o) => aws.ApplyTo(o).TableName = table ?? aws.GrainStateTable);
    }
}

/// <summary>Reminders in local files (<see cref="FileReminderTable"/>).</summary>
internal sealed class FileReminderTableProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseFileReminderService(configurationSection);
}

/// <summary>Reminders in DynamoDB.</summary>
internal sealed class DynamoDBReminderProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        var (aws, table) = DynamoDBSection.Read(configurationSection);
        builder.UseDynamoDBReminderService(o =>
        {
            // The layout settings (Buckets, PreviousBuckets, ReadLegacyPartition, MoveOlderRowsOnStart) under TDeveloper:Aws:Reminders.
            configurationSection.GetSection("Reminders").Bind(o);
            aws.ApplyTo(o).TableName = table ?? aws.ReminderTable;
        });
    }
}

/// <summary>Workspace bodies in local files (<see cref="LocalWorkspaceStore"/>), under <c>TDeveloper:Workspaces:Directory</c>.</summary>
internal sealed class FileWorkspaceProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddLocalWorkspaceStore(configurationSection);
}

/// <summary>Workspace bodies in S3, configured by <c>TDeveloper:Workspaces:S3</c>.</summary>
internal sealed class S3WorkspaceProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddS3WorkspaceStore(configurationSection.GetSection("S3"));
}

/// <summary>Workspace bodies in memory: nothing outlives the silo.</summary>
internal sealed class MemoryWorkspaceProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddMemoryWorkspaceStore();
}

/// <summary>Checkpoint bodies in local files (<see cref="LocalCheckpointBlobStore"/>), under <c>TDeveloper:Sessions:Checkpoints:Directory</c>.</summary>
internal sealed class FileCheckpointProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddLocalCheckpointStore();
}

/// <summary>Checkpoint bodies in S3: <c>TDeveloper:Sessions:Checkpoints:S3</c> over <c>TDeveloper:Workspaces:S3</c> (the workspace bucket, prefix <c>checkpoints/</c>).</summary>
internal sealed class S3CheckpointProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddS3CheckpointStore(configurationSection.GetSection("S3"), builder.Configuration.GetSection(TDeveloper.Aws.Workspaces.S3BlobOptions.Section));
}

/// <summary>Checkpoint bodies in memory: nothing outlives the silo.</summary>
internal sealed class MemoryCheckpointProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.Services.AddMemoryCheckpointStore();
}
