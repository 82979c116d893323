using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>
/// The Kinesis persistent-stream provider's factory and adapter: one Orleans queue per shard (Orleans'
/// <see cref="HashRingBasedStreamQueueMapper"/> over <see cref="KinesisStreamOptions.ShardCount"/> queues), each
/// <c>OnNext</c> batch one record with the stream id as partition key (so one stream's events stay in one shard, in order),
/// Orleans' simple queue cache keeping each batch a while (<see cref="RetainingQueueCache"/>), and receivers that checkpoint in grain storage. Not rewindable.
/// </summary>
public sealed class KinesisQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapter, IDisposable
{
    private readonly string _name;
    private readonly KinesisStreamOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KinesisApiClient _client;
    private readonly Serializer<KinesisBatchContainer> _serializer;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly RetainingQueueAdapterCache _cache;

    /// <summary>Creates the factory for provider <paramref name="name"/>.</summary>
    public KinesisQueueAdapterFactory(string name, KinesisStreamOptions options, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        _name = name;
        _options = options;
        _services = services;
        _loggerFactory = loggerFactory;
        _client = new KinesisApiClient(options);
        _serializer = services.GetRequiredService<Serializer<KinesisBatchContainer>>();
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.ShardCount }, name);
        _cache = new RetainingQueueAdapterCache(options.CacheSize, options.CacheRetention, services.GetService<TimeProvider>() ?? TimeProvider.System, name, loggerFactory);
    }

    /// <summary>Creates the factory of provider <paramref name="name"/> from its named <see cref="KinesisStreamOptions"/>; given to <c>AddPersistentStreams</c>.</summary>
    public static KinesisQueueAdapterFactory Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<KinesisQueueAdapterFactory>(services, name, services.GetRequiredService<IOptionsMonitor<KinesisStreamOptions>>().Get(name));

    /// <inheritdoc/>
    public string Name => _name;

    /// <inheritdoc/>
    public bool IsRewindable => false;

    /// <inheritdoc/>
    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <summary>Gets the API client (for tests and local setup).</summary>
    public KinesisApiClient Client => _client;

    /// <inheritdoc/>
    public async Task<IQueueAdapter> CreateAdapter()
    {
        if (_options.CreateIfNotExists) await _client.EnsureStreamAsync(_options.ShardCount, TimeSpan.FromMinutes(2));
        return this;
    }

    /// <inheritdoc/>
    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    /// <inheritdoc/>
    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <inheritdoc/>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    /// <inheritdoc/>
    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null) throw new NotSupportedException("The Kinesis stream provider is not rewindable: events cannot be written with a sequence token.");
        var batch = new KinesisBatchContainer(streamId, [.. events.Cast<object>()], requestContext is { Count: > 0 } ? requestContext : null);
        await _client.PutRecordsAsync([new PutRecordsEntry(_serializer.SerializeToArray(batch), PartitionKey(streamId))]);
    }

    /// <inheritdoc/>
    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var storage = _services.GetKeyedService<IGrainStorage>(_options.CheckpointStorage)
            ?? throw new InvalidOperationException($"Kinesis stream provider '{_name}' keeps its checkpoints in grain storage '{_options.CheckpointStorage}', which is not registered (TDeveloper:Aws:Kinesis:CheckpointStorage).");
        return new KinesisQueueReceiver(queueId, _client, shard => new KinesisCheckpointStore(storage, _name, _options.StreamName, shard), _serializer, _options,
            _loggerFactory.CreateLogger<KinesisQueueReceiver>());
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    /// <summary>The stream id as partition key, hashed when longer than Kinesis' 256 characters.</summary>
    internal static string PartitionKey(StreamId streamId)
    {
        var key = streamId.ToString();
        return key.Length <= 256 ? key : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
