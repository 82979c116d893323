namespace TDeveloper.Aws;

/// <summary>
/// Gets or sets how an adapter reaches DynamoDB: the AWS service or a local emulator such as dynalite.
/// Credentials come from the standard AWS chain (environment, profile, instance role) unless set here.
/// </summary>
public class DynamoDBClientOptions
{
    /// <summary>Gets or sets the endpoint URL of a local emulator, e.g. <c>http://localhost:4567</c>. Leave empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Gets or sets the AWS region, e.g. <c>eu-west-1</c>. Default: the SDK's (environment or profile), or <c>us-east-1</c> with an emulator.</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets an access key, for emulators or tests only; production uses the standard chain. Never logged.</summary>
    [Orleans.Redact]
    public string? AccessKey { get; set; }

    /// <summary>Gets or sets the secret key that goes with <see cref="AccessKey"/>. Never logged.</summary>
    [Orleans.Redact]
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets whether a missing table is created at start. Default <see langword="false"/>: in production tables come from infrastructure code.</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>Gets or sets how many times the SDK retries throttled or failed calls (with its own backoff). Default 5; 0 to 10.</summary>
    public int MaxErrorRetry { get; set; } = 5;

    /// <summary>
    /// Gets or sets how long one attempt of a request may take before the SDK gives it up (its own default is 100 s).
    /// Default 10 s; at most 2 min. With <see cref="MaxErrorRetry"/> it bounds how long an unreachable endpoint can hold
    /// a caller, a silo's shutdown included.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
