using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using TDeveloper.Aws;
using TDeveloper.Grains.Models;
using TDeveloper.Grains.Options;
using TDeveloper.Hosting;
using TDeveloper.Hosting.Models;
using TDeveloper.Hosting.Storage;
using TDeveloper.Hosting.Validation;

namespace TDeveloper.Unit.Tests.Hosting;

/// <summary>One bad value per options class the hosts read: the failure names the full configuration key.</summary>
public class OptionsValidationTests
{
    [Fact]
    public void A_bad_silo_port_names_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Configuration(("TDeveloper:Silo:SiloPort", "0")).GetValidated<SiloEndpointOptions>(SiloEndpointOptions.Section));
        Assert.Contains("TDeveloper:Silo:SiloPort", error.Message);
    }

    [Fact]
    public void An_advertised_address_that_is_no_IP_address_names_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Configuration(("TDeveloper:Silo:AdvertisedIPAddress", "not-an-ip")).GetValidated<SiloEndpointOptions>(SiloEndpointOptions.Section));
        Assert.Contains("TDeveloper:Silo:AdvertisedIPAddress", error.Message);
    }

    [Fact]
    public void A_bad_AWS_table_name_names_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Configuration(("TDeveloper:Aws:ReminderTable", "x")).GetValidated(AwsModeOptions.Section, new AwsModeOptionsValidator()));
        Assert.Contains("TDeveloper:Aws:ReminderTable", error.Message);
    }

    [Fact]
    public void A_chain_naming_an_unknown_model_names_its_key()
    {
        using var services = Services(("TDeveloper:Models:Chains:CodeAgent:0", "nope"));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelCatalogOptions>>().Value);
        Assert.Contains("TDeveloper:Models:Chains:CodeAgent", error.Message);
    }

    [Fact]
    public void The_single_model_section_of_earlier_versions_is_refused_naming_its_successor()
    {
        using var services = Services(("TDeveloper:Model:Provider", "OpenAI"));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelCatalogOptions>>().Value);
        Assert.Contains("TDeveloper:Model is no longer read: models are configured under TDeveloper:Models", error.Message);
    }

    [Fact]
    public void A_catalog_entry_without_id_names_its_key()
    {
        using var services = Services(("TDeveloper:Models:Catalog:0:Provider", "openai"));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelCatalogOptions>>().Value);
        Assert.Contains("TDeveloper:Models:Catalog:0:Id", error.Message);
    }

    [Theory]
    [InlineData("Directory", "   ")]
    [InlineData("LockTimeout", "00:00:00")]
    public void A_bad_file_storage_setting_names_its_key(string key, string value)
    {
        using var services = Services(($"TDeveloper:Storage:{key}", value));
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get("state"));
        Assert.Contains($"TDeveloper:Storage:{key}", error.Message);
    }

    [Theory]
    [InlineData("TDeveloper:Workflows:ResumeInterval")]
    [InlineData("TDeveloper:Sessions:CheckpointInterval")]
    public void A_reminder_period_below_Orleans_minimum_names_its_key(string key)
    {
        using var services = Services((key, "00:00:30"));
        var error = Assert.Throws<OptionsValidationException>(() =>
            key.StartsWith("TDeveloper:Workflows", StringComparison.Ordinal)
                ? (object)services.GetRequiredService<IOptions<WorkflowOptions>>().Value
                : services.GetRequiredService<IOptions<SessionOptions>>().Value);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_lowered_Orleans_minimum_admits_short_reminder_periods()
    {
        using var services = Services(silo => silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)), ("TDeveloper:Workflows:ResumeInterval", "00:00:02"));
        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<IOptions<WorkflowOptions>>().Value.ResumeInterval);
    }

    [Fact]
    public void A_bad_shutdown_timeout_names_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Configuration(("TDeveloper:Silo:Shutdown:Timeout", "00:00:00")).GetValidated<SiloShutdownOptions>(SiloShutdownOptions.Section));
        Assert.Contains("TDeveloper:Silo:Shutdown:Timeout", error.Message);
    }

    [Fact]
    public void A_bad_DynamoDB_request_timeout_names_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Configuration(("TDeveloper:Aws:RequestTimeout", "00:10:00")).GetValidated(AwsModeOptions.Section, new AwsModeOptionsValidator()));
        Assert.Contains("TDeveloper:Aws:RequestTimeout", error.Message);
    }

    [Fact]
    public void A_bad_membership_setting_names_its_key_and_good_ones_reach_Orleans()
    {
        using var bad = Silo(("TDeveloper:Silo:Membership:NumMissedProbesLimit", "0"));
        var error = Assert.Throws<OptionsValidationException>(() => bad.Services.GetRequiredService<IOptions<SiloMembershipOptions>>().Value);
        Assert.Contains("TDeveloper:Silo:Membership:NumMissedProbesLimit", error.Message);

        using var good = Silo();
        var orleans = good.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(2), 2, 1), (orleans.ProbeTimeout, orleans.NumMissedProbesLimit, orleans.NumVotesForDeathDeclaration));
    }

    /// <summary>A silo host built by <see cref="SiloHostingExtensions.AddTDeveloperSilo"/>, with memory providers, not started.</summary>
    private static IHost Silo(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(Configuration([("TDeveloper:Providers:GrainStorage", "Memory"), ("TDeveloper:Providers:Reminders", "Memory"), .. settings]));
        builder.AddTDeveloperSilo();
        return builder.Build();
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    private static ServiceProvider Services(params (string Key, string Value)[] settings) => Services(null, settings);

    /// <summary>A silo's container wired like a real one (runtime, file storage named "state"), not started.</summary>
    private static ServiceProvider Services(Action<ISiloBuilder>? configure, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(Configuration(settings));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddTDeveloperRuntime();
            silo.AddFileGrainStorage("state", builder.Configuration.GetSection(FileGrainStorageOptions.Section));
            configure?.Invoke(silo);
        });
        return (ServiceProvider)builder.Build().Services;
    }
}
