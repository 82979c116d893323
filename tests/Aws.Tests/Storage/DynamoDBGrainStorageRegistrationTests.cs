using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using TDeveloper.Aws.Storage;
using static TDeveloper.Aws.Tests.Storage.StorageKit;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>The registration: named options with Orleans' binary serializer by default (not the silo-wide JSON one), validation, redacted options log.</summary>
[Collection(DynaliteCollection.Name)]
public class DynamoDBGrainStorageRegistrationTests(DynaliteFixture dynalite)
{
    private readonly string _table = "state-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Named_providers_get_orleans_binary_serializer_by_default_not_the_silo_wide_json_or_use_json_and_take_part_in_the_silo_lifecycle()
    {
        using var services = Services(s =>
        {
            s.AddDynamoDBGrainStorage("binary", o => o.Configure(options => Point(options)));
            s.AddDynamoDBGrainStorage("json", o => o.Configure(options => Point(options).UseJson = true));
        });
        var monitor = services.GetRequiredService<IOptionsMonitor<DynamoDBStorageOptions>>();

        Assert.IsType<GrainStorageSerializer>(monitor.Get("binary").GrainStorageSerializer);
        Assert.Equal(2, services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<DynamoDBGrainStorage>().Count());
        var grain = NewGrainId();
        foreach (var name in new[] { "binary", "json" })
        {
            var storage = Assert.IsType<DynamoDBGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(name));
            await storage.InitializeAsync(CancellationToken.None);
            var state = With(new SampleState { Text = name }, null);
            await storage.WriteStateAsync(name, grain, state);
            Assert.Equal(name, (await ReadAsync(storage, grain, name)).State!.Text);
        }

        using var client = dynalite.CreateClient();
        var jsonHead = await HeadAsync(client, _table, $"registration/json/{grain}");
        Assert.StartsWith("{", System.Text.Encoding.UTF8.GetString(jsonHead["Data"].B.ToArray()));
        var binaryHead = await HeadAsync(client, _table, $"registration/binary/{grain}");
        Assert.Equal("binary", OrleansSerializer.Deserialize<SampleState>(new BinaryData(binaryHead["Data"].B.ToArray()))!.Text); // not the silo-wide JSON
    }

    [Fact]
    public void Invalid_options_fail_at_start_with_every_problem_listed()
    {
        using var services = Services(s => s.AddDynamoDBGrainStorage("broken", o => o.Configure(options =>
        {
            options.TableName = " ";
            options.MaxStateBytes = 0;
            options.CompressAboveBytes = -1;
        })));

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, f => f.Contains("'broken'") && f.Contains("TableName"));
        Assert.Contains(failure.Failures, f => f.Contains("MaxStateBytes"));
        Assert.Contains(failure.Failures, f => f.Contains("CompressAboveBytes"));
    }

    [Fact]
    public void A_provider_built_directly_checks_its_options_too()
    {
        var options = Options(dynalite, o => o.TableName = "");
        options.GrainStorageSerializer = null!;

        var failure = Assert.Throws<OptionsValidationException>(() => Create(options));

        Assert.Equal(2, failure.Failures.Count());
    }

    [Theory]
    [InlineData(nameof(DynamoDBStorageOptions.AccessKey))]
    [InlineData(nameof(DynamoDBStorageOptions.SecretKey))]
    public void Credentials_are_redacted_from_the_options_log(string property)
    {
        // Orleans' options log prints every public property except those marked [Redact], as "REDACTED".
        var redact = typeof(DynamoDBStorageOptions).GetProperty(property)!.GetCustomAttributes(typeof(RedactAttribute), inherit: true).Cast<RedactAttribute>().Single();

        Assert.Equal("REDACTED", redact.Redact("wJalrXUtnFEMI-secret"));
    }

    private DynamoDBStorageOptions Point(DynamoDBStorageOptions options)
    {
        dynalite.Configure(options);
        options.TableName = _table;
        return options;
    }

    private static ServiceProvider Services(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer(builder => builder.AddAssembly(typeof(SampleState).Assembly))
            .AddSingleton<OrleansJsonSerializer>() // What a silo registers: its silo-wide grain-state serializer is JSON.
            .AddSingleton<IGrainStorageSerializer, JsonGrainStorageSerializer>()
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("cluster", "registration"));
        register(services);
        return services.BuildServiceProvider();
    }
}
