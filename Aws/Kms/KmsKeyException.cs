using System.Security.Cryptography;

namespace TDeveloper.Aws.Kms;

/// <summary>Why KMS refused to issue or open a data key.</summary>
public enum KmsKeyProblem
{
    /// <summary>The key is disabled (<c>DisabledException</c>).</summary>
    Disabled,

    /// <summary>The caller may not use the key (<c>AccessDeniedException</c>): the key policy or IAM lacks <c>kms:GenerateDataKey</c> / <c>kms:Decrypt</c>.</summary>
    AccessDenied,

    /// <summary>No such key or alias (<c>NotFoundException</c>).</summary>
    NotFound,

    /// <summary>The key cannot be used in its state, e.g. pending deletion (<c>KMSInvalidStateException</c>).</summary>
    InvalidState,

    /// <summary>The key is not a symmetric encryption key (<c>InvalidKeyUsageException</c>).</summary>
    InvalidKeyUsage,

    /// <summary>KMS could not be reached or failed (throttling after retries, <c>KMSInternalException</c>, <c>KeyUnavailableException</c>, network).</summary>
    Unavailable,
}

/// <summary>KMS refused to issue or open a data key under <see cref="KeyId"/>; the message names the key and what to fix.</summary>
/// <remarks>A <see cref="CryptographicException"/>, as <see cref="Grains.Interfaces.Security.IDataKeyProvider"/> documents for a key that cannot be used.</remarks>
public sealed class KmsKeyException : CryptographicException
{
    /// <summary>Creates the exception.</summary>
    public KmsKeyException(string keyId, KmsKeyProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        KeyId = keyId;
        Problem = problem;
    }

    /// <summary>Gets the key (as configured, or as recorded with the sealed value).</summary>
    public string KeyId { get; }

    /// <summary>Gets what went wrong.</summary>
    public KmsKeyProblem Problem { get; }
}
