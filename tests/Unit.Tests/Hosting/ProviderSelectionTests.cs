using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using TDeveloper.Aws.Reminders;
using TDeveloper.Hosting;
using TDeveloper.Hosting.Providers;
using TDeveloper.Hosting.Reminders;

namespace TDeveloper.Unit.Tests.Hosting;

/// <summary>Providers are chosen by name from configuration, with the mode supplying defaults; Orleans' own configuration reaches ours.</summary>
public class ProviderSelectionTests
{
    [Theory]
    [InlineData(ProviderKinds.Clustering, "DynamoDB,Localhost")]
    [InlineData(ProviderKinds.GrainStorage, "DynamoDB,File,Memory")]
    [InlineData(ProviderKinds.Reminders, "DynamoDB,File,Memory")]
    [InlineData(ProviderKinds.Workspaces, "File,Memory,S3")]
    [InlineData(ProviderKinds.Keys, "Kms,Local")]
    [InlineData(ProviderKinds.Checkpoints, "File,Memory,S3")]
    public void Each_concern_offers_its_providers(string kind, string names) =>
        Assert.Equal(names.Split(','), SiloProviders.Known(kind));

    [Fact]
    public void The_embedded_default_keeps_reminders_in_files()
    {
        using var host = Silo();
        Assert.IsType<FileReminderTable>(host.Services.GetRequiredService<IReminderTable>());
    }

    [Fact]
    public void The_embedded_default_keeps_workspaces_in_files_and_the_aws_mode_in_s3()
    {
        using var embedded = Silo();
        using var aws = Silo(("TDeveloper:Mode", "Aws"), ("TDeveloper:Workspaces:S3:Bucket", "b"), ("TDeveloper:Workspaces:S3:Region", "us-east-1"), ("TDeveloper:Aws:ServiceUrl", "http://127.0.0.1:1"), ("TDeveloper:Security:Kms:KeyId", "alias/tdeveloper"));

        Assert.IsType<TDeveloper.Hosting.Workspaces.LocalWorkspaceStore>(embedded.Services.GetRequiredService<TDeveloper.Grains.Workspaces.IWorkspaceStore>());
        Assert.IsType<TDeveloper.Hosting.Workspaces.S3WorkspaceStore>(aws.Services.GetRequiredService<TDeveloper.Grains.Workspaces.IWorkspaceStore>());
    }

    [Fact]
    public void Checkpoints_follow_the_workspace_store_unless_chosen_and_use_the_workspace_bucket_under_their_own_prefix()
    {
        using var embedded = Silo();
        using var memory = Silo(("TDeveloper:Providers:Workspaces", "Memory"));
        using var chosen = Silo(("TDeveloper:Providers:Checkpoints", "Memory"));
        using var aws = Silo(("TDeveloper:Mode", "Aws"), ("TDeveloper:Workspaces:S3:Bucket", "b"), ("TDeveloper:Workspaces:S3:Region", "us-east-1"), ("TDeveloper:Aws:ServiceUrl", "http://127.0.0.1:1"), ("TDeveloper:Security:Kms:KeyId", "alias/tdeveloper"));

        Assert.IsType<TDeveloper.Hosting.Checkpoints.LocalCheckpointBlobStore>(embedded.Services.GetRequiredService<TDeveloper.Grains.Checkpoints.ICheckpointBlobStore>());
        Assert.IsType<TDeveloper.Grains.Checkpoints.MemoryCheckpointBlobStore>(memory.Services.GetRequiredService<TDeveloper.Grains.Checkpoints.ICheckpointBlobStore>());
        Assert.IsType<TDeveloper.Grains.Checkpoints.MemoryCheckpointBlobStore>(chosen.Services.GetRequiredService<TDeveloper.Grains.Checkpoints.ICheckpointBlobStore>());
        Assert.IsType<TDeveloper.Hosting.Checkpoints.S3CheckpointBlobStore>(aws.Services.GetRequiredService<TDeveloper.Grains.Checkpoints.ICheckpointBlobStore>());
        var s3 = aws.Services.GetRequiredService<IOptionsMonitor<TDeveloper.Aws.Workspaces.S3BlobOptions>>().Get(TDeveloper.Hosting.Checkpoints.CheckpointStoreExtensions.S3OptionsName);
        Assert.Equal(("b", "checkpoints/"), (s3.Bucket, s3.KeyPrefix));
        Assert.EndsWith(Path.Combine("data", "checkpoints"), embedded.Services.GetRequiredService<IOptions<TDeveloper.Grains.Checkpoints.CheckpointOptions>>().Value.Directory, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_reminders_can_be_chosen()
    {
        using var host = Silo(("TDeveloper:Providers:Reminders", "Memory"));
        Assert.IsNotType<FileReminderTable>(host.Services.GetRequiredService<IReminderTable>());
    }

    [Fact]
    public void An_unknown_provider_name_names_its_key_and_the_known_names()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Silo(("TDeveloper:Providers:Reminders", "Redis")));
        Assert.Contains("TDeveloper:Providers:Reminders: 'Redis' is unknown; use one of: DynamoDB, File, Memory.", error.Message);
    }

    [Fact]
    public void The_dynamodb_reminder_layout_is_read_from_its_section()
    {
        using var host = Silo(("TDeveloper:Mode", "Aws"), ("TDeveloper:Providers:Clustering", "Localhost"), ("TDeveloper:Providers:GrainStorage", "Memory"),
            ("TDeveloper:Providers:Keys", "Local"), ("TDeveloper:Aws:Reminders:Buckets", "64"), ("TDeveloper:Aws:Reminders:ReadLegacyPartition", "false"), ("TDeveloper:Aws:ReminderTable", "Rem"));

        var options = host.Services.GetRequiredService<IOptions<DynamoDBReminderOptions>>().Value;

        Assert.Equal((64, false, "Rem"), (options.Buckets, options.ReadLegacyPartition, options.TableName));
    }

    [Fact]
    public void Orleans_configuration_reaches_the_file_reminder_table()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tdev-orleans-config");
        using var host = Silo(("TDeveloper:Providers:Reminders", "Memory"), ("Orleans:Reminders:ProviderType", "File"), ("Orleans:Reminders:Directory", directory));

        Assert.IsType<FileReminderTable>(host.Services.GetRequiredService<IReminderTable>());
        Assert.Equal(directory, host.Services.GetRequiredService<IOptions<FileReminderTableOptions>>().Value.Directory);
    }

    private static IHost Silo(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddTDeveloperSilo();
        return builder.Build();
    }
}
