using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>Where the first record of a shard with no checkpoint is read from.</summary>
public enum KinesisStartPosition
{
    /// <summary>The oldest record the stream still keeps (nothing written before the first start is lost).</summary>
    TrimHorizon,

    /// <summary>Only records written after the receiver started.</summary>
    Latest,
}

/// <summary>
/// Gets or sets how the Kinesis stream provider reaches its stream (section <c>TDeveloper:Aws:Kinesis</c>): endpoint,
/// region, credentials, stream name and shard count, back-off on throttling, polling and checkpoints.
/// Credentials come from the standard AWS chain (environment, profile, instance role) unless set here.
/// </summary>
public sealed class KinesisStreamOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Aws:Kinesis";

    /// <summary>Gets or sets the endpoint URL of an emulator such as kinesalite, e.g. <c>http://localhost:4568</c>. Leave empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Gets or sets the AWS region, e.g. <c>eu-west-1</c>. Default: the SDK's (environment or profile), or <c>us-east-1</c> with an emulator.</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets an access key, for emulators or tests only; production uses the standard chain. Never logged.</summary>
    [Orleans.Redact]
    public string? AccessKey { get; set; }

    /// <summary>Gets or sets the secret key that goes with <see cref="AccessKey"/>. Never logged.</summary>
    [Orleans.Redact]
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets the Kinesis stream's name. Default "tdeveloper-events".</summary>
    [Required, RegularExpression("^[a-zA-Z0-9_.-]{1,128}$", ErrorMessage = "TDeveloper:Aws:Kinesis:StreamName must be 1 to 128 letters, digits, '_', '.' or '-'.")]
    public string StreamName { get; set; } = "tdeveloper-events";

    /// <summary>Gets or sets the number of shards, which is the number of Orleans queues (one per open shard). Default 4; 1 to 500.</summary>
    [Range(1, 500)]
    public int ShardCount { get; set; } = 4;

    /// <summary>Gets or sets whether a missing stream is created (with <see cref="ShardCount"/> shards) at start. Default <see langword="false"/>: in production the stream comes from infrastructure code.</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>Gets or sets where a shard without a checkpoint is first read from. Default <see cref="KinesisStartPosition.TrimHorizon"/>.</summary>
    public KinesisStartPosition StartPosition { get; set; } = KinesisStartPosition.TrimHorizon;

    /// <summary>Gets or sets how often each owned shard is polled with GetRecords (Kinesis allows 5 calls a second per shard). Default 250 ms; 50 ms to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets how many attempts a throttled or failed call (and each record PutRecords rejected) gets before the error is thrown. Default 6; 1 to 20.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Gets or sets the first back-off delay, doubled (with jitter) on each further attempt. Default 100 ms; 1 ms to 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets the longest back-off delay. Default 5 s; 1 ms to 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long one HTTP request may take. Default 10 s; 1 s to 2 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the grain storage provider the shards' sequence-number checkpoints are kept in. Default "tdeveloper"
    /// (the state store: the DynamoDB grain-state table in the AWS mode).
    /// </summary>
    [Required]
    public string CheckpointStorage { get; set; } = "tdeveloper";

    /// <summary>Gets or sets how many batches the silo's cache of each shard holds (Orleans' <c>SimpleQueueAdapterCache</c>). Default 1024; 16 to 65536.</summary>
    [Range(16, 65536)]
    public int CacheSize { get; set; } = 1024;

    /// <summary>
    /// Gets or sets how long a read batch stays in the cache at least (unless the cache is full), so a consumer that subscribes
    /// while its first batch is being delivered (a client behind a gateway) still finds it. Default 30 s; 0 to 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheRetention { get; set; } = TimeSpan.FromSeconds(30);
}
