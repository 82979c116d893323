using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Aws.Workspaces;

/// <summary>
/// Gets or sets where <see cref="S3BlobStore"/> keeps bodies (section <c>TDeveloper:Workspaces:S3</c>): one bucket and a key prefix,
/// on AWS or an emulator such as s3rver. Credentials come from the standard AWS chain unless set here.
/// </summary>
public sealed class S3BlobOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Workspaces:S3";

    /// <summary>Gets or sets the bucket. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Bucket { get; set; } = "";

    /// <summary>Gets or sets the prefix of every key. Default <c>workspaces/</c>.</summary>
    public string KeyPrefix { get; set; } = "workspaces/";

    /// <summary>Gets or sets the endpoint URL of an emulator, e.g. <c>http://localhost:4568</c>. Leave empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Gets or sets the AWS region. Default: the SDK's, or <c>us-east-1</c> with an emulator.</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets whether the bucket is addressed in the path (<c>host/bucket/key</c>), as emulators need. Default <see langword="false"/>.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Gets or sets whether a missing bucket is created on first use. Default <see langword="false"/>: in production buckets come from infrastructure code.</summary>
    public bool CreateBucketIfNotExists { get; set; }

    /// <summary>Gets or sets an access key, for emulators or tests only; production uses the standard chain. Never logged.</summary>
    [Orleans.Redact]
    public string? AccessKey { get; set; }

    /// <summary>Gets or sets the secret key that goes with <see cref="AccessKey"/>. Never logged.</summary>
    [Orleans.Redact]
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets how long one attempt of a request may take. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
