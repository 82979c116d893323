// Written by hand because the official Microsoft.Orleans.Persistence.DynamoDB package is not served by our
// package registry. Same role and registration shape as Orleans' DynamoDBGrainStorage; our own item layout
// (see GrainStateItem) with chunking for large state and ETag checks made by conditional writes only.
using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace TDeveloper.Aws.Storage;

/// <summary>
/// Keeps Orleans grain state in a DynamoDB table. Every write is checked against the caller's ETag with a conditional
/// put, so a stale or racing writer gets an <see cref="InconsistentStateException"/> instead of overwriting. States
/// over <see cref="DynamoDBStorageOptions.CompressAboveBytes"/> are compressed; states still over DynamoDB's item limit
/// are split into chunk items. Register it with <c>AddDynamoDBGrainStorage</c>.
/// </summary>
public sealed class DynamoDBGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string _name;
    private readonly DynamoDBStorageOptions _options;
    private readonly string _serviceId;
    private readonly IActivatorProvider _activators;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;
    private IAmazonDynamoDB? _client;
    private GrainStateTable? _table;

    /// <summary>Initializes a new instance of the <see cref="DynamoDBGrainStorage"/> class; call <see cref="InitializeAsync"/> (the silo lifecycle does) before use.</summary>
    /// <param name="name">The provider's name, as in <c>[PersistentState("state", name)]</c>.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="clusterOptions">Gives the <see cref="ClusterOptions.ServiceId"/> that prefixes every key.</param>
    /// <param name="activators">Creates a fresh state for a grain that has none.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    public DynamoDBGrainStorage(string name, DynamoDBStorageOptions options, IOptions<ClusterOptions> clusterOptions, IActivatorProvider activators, ILogger<DynamoDBGrainStorage> logger)
    {
        DynamoDBStorageOptionsValidator.ThrowIfInvalid(name, options);
        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _activators = activators;
        _serializer = options.UseJson ? new SystemTextJsonGrainStorageSerializer() : options.GrainStorageSerializer;
        _logger = logger;
    }

    /// <summary>Gets the factory of the DynamoDB client; tests replace it to inject faults such as lost responses.</summary>
    internal Func<DynamoDBStorageOptions, IAmazonDynamoDB> CreateClient { get; init; } = DynamoDBClientFactory.Create;

    /// <summary>Gets the clock that dates chunks for the orphan sweep.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    private GrainStateTable Table => _table ?? throw new InvalidOperationException($"DynamoDB grain storage '{_name}' is used before InitializeAsync (the silo lifecycle's ApplicationServices stage).");

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<DynamoDBGrainStorage>(_name), ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    /// <summary>
    /// Connects and ensures the table exists with string keys <c>PK</c> and <c>SK</c>, creating it when
    /// <see cref="DynamoDBClientOptions.CreateIfNotExists"/> is set. A missing table or refused credentials fail here,
    /// and so fail the silo's start, with <see cref="DynamoDBTables"/>' message.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_table is not null) return;

        _logger.Initializing(_name, _options.TableName, _serviceId, _options.DeleteStateOnClear);
        var stopwatch = Stopwatch.StartNew();
        IAmazonDynamoDB? client = null;
        try
        {
            client = CreateClient(_options);
            await DynamoDBTables.EnsureAsync(client, _options.TableName, GrainStateItem.PartitionKey, GrainStateItem.SortKey, _options.CreateIfNotExists, cancellationToken);
        }
        catch (Exception ex)
        {
            client?.Dispose();
            _logger.InitializationFailed(ex, _name, _options.TableName, stopwatch.ElapsedMilliseconds);
            throw;
        }

        _client = client;
        _table = new GrainStateTable(client, _options.TableName, _options.OrphanedChunkGracePeriod, Time, _logger);
        _logger.Initialized(_name, _options.TableName, stopwatch.ElapsedMilliseconds);
    }

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        RunAsync("read", stateName, grainId, grainState, async key =>
        {
            var stored = await Table.ReadAsync(key, cancellationToken);
            var state = stored?.Payload is { } payload
                ? _serializer.Deserialize<T>(new BinaryData(StatePayloadCodec.Decode(payload, stored.Compression)))
                : default;
            grainState.State = state ?? NewState<T>();
            grainState.RecordExists = state is not null;
            grainState.ETag = stored?.ETag;
        });

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    /// <exception cref="InconsistentStateException">The stored ETag is not the caller's.</exception>
    /// <exception cref="InvalidOperationException">The serialized state is over <see cref="DynamoDBStorageOptions.MaxStateBytes"/>; nothing was written.</exception>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        RunAsync("write", stateName, grainId, grainState, async key =>
        {
            var serialized = _serializer.Serialize(grainState.State).ToMemory();
            if (serialized.Length > _options.MaxStateBytes)
            {
                throw new InvalidOperationException(
                    $"Grain state '{stateName}' of {grainId} serializes to {Bytes(serialized.Length)} bytes, over the limit of {Bytes(_options.MaxStateBytes)} bytes (MaxStateBytes) of DynamoDB grain storage '{_name}'. Nothing was written; the stored state is unchanged.");
            }

            var (payload, compression) = StatePayloadCodec.Encode(serialized, _options.CompressAboveBytes, _options.Compression);
            grainState.ETag = await Table.WriteAsync(key, ExpectedETag(grainState), payload, compression, cancellationToken);
            grainState.RecordExists = true;
        });

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    /// <remarks>
    /// With <see cref="DynamoDBStorageOptions.DeleteStateOnClear"/> the items are deleted and the ETag becomes
    /// <see langword="null"/>; otherwise an empty record is written and the ETag chain goes on.
    /// </remarks>
    /// <exception cref="InconsistentStateException">The stored ETag is not the caller's.</exception>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        RunAsync("clear", stateName, grainId, grainState, async key =>
        {
            if (_options.DeleteStateOnClear)
            {
                await Table.DeleteAsync(key, ExpectedETag(grainState), cancellationToken);
                grainState.ETag = null;
            }
            else
            {
                grainState.ETag = await Table.WriteAsync(key, ExpectedETag(grainState), payload: null, compression: null, cancellationToken);
            }

            grainState.State = NewState<T>();
            grainState.RecordExists = false;
        });

    /// <summary>Disposes the DynamoDB client.</summary>
    public void Dispose() => _client?.Dispose();

    private static string? ExpectedETag<T>(IGrainState<T> grainState) => string.IsNullOrEmpty(grainState.ETag) ? null : grainState.ETag;

    private static string Bytes(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    /// <summary>
    /// Runs one storage operation on the grain's partition key and logs its failure (a stale ETag as a conflict, a
    /// cancellation not at all, anything else as an error) before letting the exception go on unchanged.
    /// </summary>
    private async Task RunAsync<T>(string operation, string stateName, GrainId grainId, IGrainState<T> grainState, Func<string, Task> body)
    {
        var key = GrainStateItem.PartitionKeyOf(_serviceId, stateName, grainId);
        try
        {
            await body(key);
        }
        catch (InconsistentStateException)
        {
            _logger.Conflict(_name, operation, key, grainState.ETag);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.OperationFailed(ex, _name, operation, key, grainState.ETag, _options.TableName);
            throw;
        }
    }
}
