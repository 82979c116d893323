// Written by hand: neither AWSSDK.Kinesis nor Orleans.Streams.Kinesis is served by our package registry. This is a small
// client of the Kinesis JSON 1.1 protocol (POST / with X-Amz-Target: Kinesis_20131202.<Operation>) over a plain HttpClient
// whose requests AWSSDK.Core's SigV4SigningHandler signs (service "kinesis"). It covers only what the stream provider, its
// tests and local setup call: PutRecords, ListShards, GetShardIterator, GetRecords, DescribeStreamSummary, CreateStream.
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>
/// Calls the Kinesis API. Throttling (<c>ProvisionedThroughputExceededException</c>, <c>LimitExceededException</c>), server
/// errors and lost connections are retried with a bounded exponential back-off (<see cref="KinesisStreamOptions.MaxAttempts"/>,
/// <see cref="KinesisStreamOptions.BackoffBase"/>, <see cref="KinesisStreamOptions.BackoffMax"/>); other errors throw
/// <see cref="KinesisException"/> at once. Records PutRecords rejects are sent again, alone, in their original order.
/// </summary>
public sealed class KinesisApiClient : IDisposable
{
    /// <summary>The signing name of Kinesis.</summary>
    public const string SigningService = "kinesis";

    private const string TargetPrefix = "Kinesis_20131202.";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly KinesisStreamOptions _options;
    private readonly Lazy<(HttpClient Http, Uri Endpoint)> _http;

    /// <summary>Creates a client for the options' endpoint, region and credentials (resolved on first call).</summary>
    public KinesisApiClient(KinesisStreamOptions options)
    {
        _options = options;
        _http = new(() => Resolve(options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the stream's name.</summary>
    public string StreamName => _options.StreamName;

    /// <summary>Creates the stream with <paramref name="shardCount"/> shards.</summary>
    public Task CreateStreamAsync(int shardCount, CancellationToken cancellationToken = default) =>
        CallAsync<JsonElement>("CreateStream", new { StreamName, ShardCount = shardCount }, cancellationToken);

    /// <summary>Describes the stream, or returns <see langword="null"/> when it does not exist.</summary>
    public async Task<StreamSummary?> DescribeStreamSummaryAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await CallAsync<DescribeStreamSummaryResponse>("DescribeStreamSummary", new { StreamName }, cancellationToken)).StreamDescriptionSummary;
        }
        catch (KinesisException ex) when (ex.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>Creates the stream when missing and waits (bounded) until it is <c>ACTIVE</c>.</summary>
    /// <exception cref="TimeoutException">The stream did not become active within <paramref name="timeout"/>.</exception>
    public async Task EnsureStreamAsync(int shardCount, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var summary = await DescribeStreamSummaryAsync(cancellationToken);
        if (summary is null)
        {
            try
            {
                await CreateStreamAsync(shardCount, cancellationToken);
            }
            catch (KinesisException ex) when (ex.ErrorCode == "ResourceInUseException")
            {
                // Another silo created it first.
            }
        }

        // A bounded poll on purpose: Kinesis announces nothing; the stream's status is the fact.
        while ((summary = await DescribeStreamSummaryAsync(cancellationToken))?.StreamStatus is not ("ACTIVE" or "UPDATING"))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Kinesis stream '{StreamName}' did not become ACTIVE within {timeout} (status {summary?.StreamStatus ?? "missing"}).");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Lists every shard of the stream (following NextToken), open and closed.</summary>
    public async Task<IReadOnlyList<Shard>> ListShardsAsync(CancellationToken cancellationToken = default)
    {
        var shards = new List<Shard>();
        string? next = null;
        do
        {
            var response = next is null
                ? await CallAsync<ListShardsResponse>("ListShards", new { StreamName }, cancellationToken)
                : await CallAsync<ListShardsResponse>("ListShards", new { NextToken = next }, cancellationToken);
            shards.AddRange(response.Shards ?? []);
            next = response.NextToken;
        }
        while (next is not null);
        return shards;
    }

    /// <summary>Gets a shard iterator: <paramref name="type"/> is TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER (the last two with <paramref name="sequenceNumber"/>).</summary>
    public async Task<string> GetShardIteratorAsync(string shardId, string type, string? sequenceNumber = null, CancellationToken cancellationToken = default) =>
        (await CallAsync<GetShardIteratorResponse>("GetShardIterator", new { StreamName, ShardId = shardId, ShardIteratorType = type, StartingSequenceNumber = sequenceNumber }, cancellationToken)).ShardIterator
        ?? throw new KinesisException("InvalidResponse", "GetShardIterator returned no iterator.", HttpStatusCode.OK);

    /// <summary>Reads up to <paramref name="limit"/> records (1 to 10 000) from an iterator.</summary>
    public Task<GetRecordsResponse> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default) =>
        CallAsync<GetRecordsResponse>("GetRecords", new { ShardIterator = shardIterator, Limit = Math.Clamp(limit, 1, 10_000) }, cancellationToken);

    /// <summary>
    /// Writes records (at most 500 a call; larger lists are split), sending again only the ones Kinesis rejected
    /// (throttled or failed), with back-off, until all are in or the attempts run out. Returns the sequence numbers in input order.
    /// </summary>
    /// <exception cref="KinesisException">Records were still rejected after <see cref="KinesisStreamOptions.MaxAttempts"/> attempts.</exception>
    public async Task<IReadOnlyList<string>> PutRecordsAsync(IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        var sequenceNumbers = new string[records.Count];
        for (var start = 0; start < records.Count; start += 500)
        {
            var pending = Enumerable.Range(start, Math.Min(500, records.Count - start)).ToList();
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                var response = await CallAsync<PutRecordsResponse>("PutRecords", new { StreamName, Records = pending.Select(i => records[i]).ToArray() }, cancellationToken);
                var failed = new List<int>();
                string? lastError = null;
                for (var i = 0; i < pending.Count; i++)
                {
                    var result = response.Records is { } results && i < results.Count ? results[i] : null;
                    if (result is { ErrorCode: null, SequenceNumber: { } sequence })
                    {
                        sequenceNumbers[pending[i]] = sequence;
                    }
                    else
                    {
                        failed.Add(pending[i]);
                        lastError = $"{result?.ErrorCode ?? "NoResult"}: {result?.ErrorMessage}";
                    }
                }

                pending = failed;
                if (pending.Count == 0) break;
                if (attempt >= _options.MaxAttempts) throw new KinesisException("PutRecordsPartialFailure", $"{pending.Count} record(s) still rejected after {attempt} attempts; last: {lastError}", HttpStatusCode.OK);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }

        return sequenceNumbers;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_http.IsValueCreated) _http.Value.Http.Dispose();
    }

    /// <summary>Compares two Kinesis sequence numbers (decimal strings of up to 128 bits).</summary>
    public static int CompareSequenceNumbers(string a, string b) => BigInteger.Parse(a).CompareTo(BigInteger.Parse(b));

    internal TimeSpan Backoff(int attempt)
    {
        var exponential = _options.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, _options.BackoffMax.TotalMilliseconds);
        // Full jitter between half and all of the delay, so throttled silos do not retry in step.
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private async Task<T> CallAsync<T>(string operation, object body, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        for (var attempt = 1; ; attempt++)
        {
            var (http, endpoint) = _http.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(payload) };
            request.Content.Headers.ContentType = JsonContentType;
            request.Headers.TryAddWithoutValidation("X-Amz-Target", TargetPrefix + operation);
            KinesisException error;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    // CreateStream answers with an empty body.
                    return JsonSerializer.Deserialize<T>(text.Length == 0 ? "{}"u8 : text, Json) ?? throw new KinesisException("InvalidResponse", $"{operation} returned an empty body.", response.StatusCode);
                }

                error = ErrorOf(operation, response.StatusCode, text);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = new KinesisException("Timeout", $"{operation}: no answer within {_options.RequestTimeout}.", HttpStatusCode.RequestTimeout, ex);
            }
            catch (HttpRequestException ex)
            {
                error = new KinesisException("Unreachable", $"{operation}: {endpoint} could not be reached ({ex.Message}).", HttpStatusCode.ServiceUnavailable, ex);
            }

            if (!error.IsRetryable || attempt >= _options.MaxAttempts) throw error;
            await Task.Delay(Backoff(attempt), cancellationToken);
        }
    }

    private static KinesisException ErrorOf(string operation, HttpStatusCode status, byte[] body)
    {
        string code = status.ToString(), message = "";
        try
        {
            var error = JsonSerializer.Deserialize<ErrorResponse>(body, Json);
            if (error?.Type is { Length: > 0 } type) code = type[(type.LastIndexOf('#') + 1)..];
            message = error?.Message ?? error?.MessageUpper ?? "";
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status is all there is.
        }

        return new KinesisException(code, $"{operation}: {code} {message}".TrimEnd(), status);
    }

    private static (HttpClient, Uri) Resolve(KinesisStreamOptions options)
    {
        var region = options.Region is { Length: > 0 } configured
            ? configured
            : options.ServiceUrl is { Length: > 0 }
                ? "us-east-1"
                : FallbackRegionFactory.GetRegionEndpoint()?.SystemName
                  ?? throw new InvalidOperationException("no AWS region for Kinesis: set TDeveloper:Aws:Kinesis:Region, or AWS_REGION, or a region in the AWS profile.");
        var credentials = AwsClientSettings.StaticCredentials(options.AccessKey, options.SecretKey) ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var signing = new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.GetBySystemName(region), Service = SigningService, SignPayload = true };
        // Redirects are not followed: a followed redirect would not be re-signed (see SigV4SigningHandler's remarks).
        var transport = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(new SigV4SigningHandler(signing, transport)) { Timeout = options.RequestTimeout };
        var endpoint = options.ServiceUrl is { Length: > 0 } url ? new Uri(url) : new Uri($"https://kinesis.{region}.amazonaws.com/");
        return (http, endpoint);
    }

    private sealed record ErrorResponse([property: JsonPropertyName("__type")] string? Type, [property: JsonPropertyName("message")] string? Message, [property: JsonPropertyName("Message")] string? MessageUpper);

    private sealed record DescribeStreamSummaryResponse(StreamSummary? StreamDescriptionSummary);

    private sealed record ListShardsResponse(List<Shard>? Shards, string? NextToken);

    private sealed record GetShardIteratorResponse(string? ShardIterator);

    private sealed record PutRecordsResponse(int FailedRecordCount, List<PutRecordsResultEntry>? Records);

    private sealed record PutRecordsResultEntry(string? SequenceNumber, string? ShardId, string? ErrorCode, string? ErrorMessage);
}

/// <summary>A record to write: its data and the partition key that picks its shard (records with one key keep their order).</summary>
/// <param name="Data">The record's bytes (at most 1 MiB with the key).</param>
/// <param name="PartitionKey">The partition key, 1 to 256 characters.</param>
public sealed record PutRecordsEntry(byte[] Data, string PartitionKey);

/// <summary>The part of a stream's description the provider reads.</summary>
/// <param name="StreamName">The stream's name.</param>
/// <param name="StreamStatus">CREATING, ACTIVE, UPDATING or DELETING.</param>
/// <param name="OpenShardCount">How many shards are open.</param>
public sealed record StreamSummary(string StreamName, string StreamStatus, int OpenShardCount);

/// <summary>A shard; a closed one (split or merged) has an ending sequence number.</summary>
/// <param name="ShardId">The shard's id.</param>
/// <param name="HashKeyRange">The partition-key hashes it holds.</param>
/// <param name="SequenceNumberRange">Its first and (when closed) last sequence numbers.</param>
/// <param name="ParentShardId">The shard it was split or merged from, if any.</param>
public sealed record Shard(string ShardId, HashKeyRange HashKeyRange, SequenceNumberRange SequenceNumberRange, string? ParentShardId)
{
    /// <summary>Gets whether the shard still takes records.</summary>
    public bool IsOpen => SequenceNumberRange.EndingSequenceNumber is null;
}

/// <summary>A shard's range of partition-key hashes (decimal strings of 128-bit numbers).</summary>
/// <param name="StartingHashKey">The lowest hash.</param>
/// <param name="EndingHashKey">The highest hash.</param>
public sealed record HashKeyRange(string StartingHashKey, string EndingHashKey);

/// <summary>A shard's sequence numbers.</summary>
/// <param name="StartingSequenceNumber">The first.</param>
/// <param name="EndingSequenceNumber">The last, once the shard is closed.</param>
public sealed record SequenceNumberRange(string StartingSequenceNumber, string? EndingSequenceNumber);

/// <summary>What GetRecords returned.</summary>
/// <param name="Records">The records, oldest first.</param>
/// <param name="NextShardIterator">The iterator for the next call; <see langword="null"/> when the shard is closed and read to its end.</param>
/// <param name="MillisBehindLatest">How far the iterator is behind the shard's newest record.</param>
public sealed record GetRecordsResponse(List<KinesisRecord>? Records, string? NextShardIterator, long? MillisBehindLatest);

/// <summary>A record read from a shard.</summary>
/// <param name="SequenceNumber">Its sequence number, unique in the shard and increasing.</param>
/// <param name="Data">Its bytes.</param>
/// <param name="PartitionKey">The key it was written with.</param>
public sealed record KinesisRecord(string SequenceNumber, byte[] Data, string PartitionKey);

/// <summary>A Kinesis call failed; <see cref="ErrorCode"/> is Kinesis' error type (e.g. <c>ResourceNotFoundException</c>).</summary>
public sealed class KinesisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KinesisException(string errorCode, string message, HttpStatusCode status, Exception? inner = null) : base(message, inner)
    {
        ErrorCode = errorCode;
        Status = status;
    }

    /// <summary>Gets Kinesis' error type, or ours (Timeout, Unreachable, PutRecordsPartialFailure).</summary>
    public string ErrorCode { get; }

    /// <summary>Gets the HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Gets whether trying again later may succeed: throttling, server errors, timeouts, lost connections.</summary>
    public bool IsRetryable => ErrorCode is "ProvisionedThroughputExceededException" or "LimitExceededException" or "KMSThrottlingException" or "Timeout" or "Unreachable" or "ThrottlingException"
        || (int)Status >= 500;
}
