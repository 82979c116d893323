using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Aws.Kms;

/// <summary>
/// Gets or sets the AWS KMS key whose data keys encrypt sensitive fields in AWS mode (section <c>TDeveloper:Security:Kms</c>),
/// and how KMS is reached. Credentials and region come from the standard AWS chain unless set here.
/// </summary>
public sealed class KmsKeyOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Security:Kms";

    /// <summary>
    /// Gets or sets the symmetric KMS key: a key id, key ARN, alias name (<c>alias/tdeveloper</c>) or alias ARN. Required
    /// in AWS mode. Sealed values record the key ARN KMS answers with, so the alias may later point at another key.
    /// </summary>
    public string KeyId { get; set; } = "";

    /// <summary>Gets or sets the endpoint URL of a KMS stand-in or VPC endpoint. Leave empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Gets or sets the AWS region. Default: the SDK's chain, or <c>us-east-1</c> with <see cref="ServiceUrl"/>.</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets an access key, for tests only; production uses the standard chain. Never logged.</summary>
    [Orleans.Redact]
    public string? AccessKey { get; set; }

    /// <summary>Gets or sets the secret key that goes with <see cref="AccessKey"/>. Never logged.</summary>
    [Orleans.Redact]
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets the value of the <c>app</c> entry of the KMS encryption context every data key is bound to. Default <c>tdeveloper</c>.</summary>
    /// <remarks>KMS records the encryption context in CloudTrail, and a key policy can require it (<c>kms:EncryptionContext:app</c>). Changing it makes older data keys unopenable.</remarks>
    [Required(AllowEmptyStrings = false)]
    public string EncryptionContextApp { get; set; } = "tdeveloper";

    /// <summary>Gets or sets how long one KMS request may take. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times the SDK retries a throttled or failed request. Default 3.</summary>
    [Range(0, 10)]
    public int MaxErrorRetry { get; set; } = 3;
}
