using Amazon.DynamoDBv2;
using TDeveloper.Aws;
using TDeveloper.Testing;

namespace TDeveloper.Aws.Tests;

/// <summary>Starts one dynalite (see <see cref="DynaliteProcess"/>) for the tests of a collection.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteProcess? _dynalite;

    /// <summary>Gets the emulator's URL.</summary>
    public string ServiceUrl => _dynalite?.ServiceUrl ?? throw new InvalidOperationException("dynalite has not started.");

    /// <summary>Gets client options pointing at the emulator, with tables created on demand.</summary>
    public DynamoDBClientOptions ClientOptions => Configure(new DynamoDBClientOptions());

    /// <summary>Points <paramref name="options"/> at the emulator and returns it.</summary>
    public T Configure<T>(T options) where T : DynamoDBClientOptions
    {
        options.ServiceUrl = ServiceUrl;
        options.Region = "us-east-1";
        options.AccessKey = "test";
        options.SecretKey = "test";
        options.CreateIfNotExists = true;
        return options;
    }

    /// <summary>Creates an SDK client for the emulator.</summary>
    public IAmazonDynamoDB CreateClient() => DynamoDBClientFactory.Create(ClientOptions);

    public async Task InitializeAsync() => _dynalite = await DynaliteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_dynalite is not null) await _dynalite.DisposeAsync();
    }
}

/// <summary>All tests that need dynalite share one emulator.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
