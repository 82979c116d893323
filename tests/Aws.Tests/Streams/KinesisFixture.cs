using TDeveloper.Aws.Streams.Kinesis;
using TDeveloper.Testing;

namespace TDeveloper.Aws.Tests.Streams;

/// <summary>Starts kinesalite (the streams) and dynalite (the checkpoints' grain storage) for the Kinesis tests.</summary>
public sealed class KinesisFixture : IAsyncLifetime
{
    private KinesaliteProcess? _kinesalite;

    /// <summary>Gets dynalite, for the checkpoint store.</summary>
    public DynaliteFixture Dynalite { get; } = new();

    /// <summary>Gets kinesalite's URL.</summary>
    public string ServiceUrl => _kinesalite?.ServiceUrl ?? throw new InvalidOperationException("kinesalite has not started.");

    /// <summary>Points <paramref name="options"/> at kinesalite, on a stream of its own, and returns it.</summary>
    public KinesisStreamOptions Configure(KinesisStreamOptions options, string streamName)
    {
        options.ServiceUrl = ServiceUrl;
        options.Region = "us-east-1";
        options.AccessKey = "test";
        options.SecretKey = "test";
        options.StreamName = streamName;
        options.CreateIfNotExists = true;
        options.PollInterval = TimeSpan.FromMilliseconds(50);
        options.BackoffBase = TimeSpan.FromMilliseconds(10);
        return options;
    }

    /// <summary>Gets a stream name no other test uses.</summary>
    public static string NewStreamName() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        await Dynalite.InitializeAsync();
        _kinesalite = await KinesaliteProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_kinesalite is not null) await _kinesalite.DisposeAsync();
        await Dynalite.DisposeAsync();
    }
}

/// <summary>All Kinesis tests share one kinesalite and one dynalite.</summary>
[CollectionDefinition(Name)]
public sealed class KinesisCollection : ICollectionFixture<KinesisFixture>
{
    public const string Name = "kinesis";
}
