using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Aws.Kms;

/// <summary>
/// The AWS mode's <see cref="IDataKeyProvider"/>: AWS KMS issues each data key (<c>GenerateDataKey</c>, AES_256, under
/// <see cref="KmsKeyOptions.KeyId"/>) and opens it again (<c>Decrypt</c>), both with the encryption context
/// <c>{"app": EncryptionContextApp, "purpose": "tdeveloper-field-key"}</c>. The master key never leaves KMS.
/// </summary>
/// <remarks>
/// KMS's own rotation keeps the key id and every older backing key, so data sealed before a rotation stays readable
/// with no action here. Every refusal becomes a <see cref="KmsKeyException"/> that names the key; a wrapped key that does not
/// open (tampered, another key's, another context) is a plain <see cref="CryptographicException"/>.
/// </remarks>
public sealed class KmsDataKeyProvider : IDataKeyProvider, IDisposable
{
    /// <summary>The <c>purpose</c> entry of the encryption context.</summary>
    public const string Purpose = "tdeveloper-field-key";

    private readonly IAmazonKeyManagementService _kms;
    private readonly KmsKeyOptions _options;
    private readonly Dictionary<string, string> _context;

    /// <summary>Creates the provider over a client built from <paramref name="options"/>.</summary>
    public KmsDataKeyProvider(KmsKeyOptions options)
        : this(CreateClient(options), options)
    {
    }

    /// <summary>Creates the provider over <paramref name="kms"/>.</summary>
    public KmsDataKeyProvider(IAmazonKeyManagementService kms, KmsKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(kms);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.KeyId)) throw new ArgumentException($"{KmsKeyOptions.Section}:KeyId is required.", nameof(options));
        _kms = kms;
        _options = options;
        _context = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = options.EncryptionContextApp, ["purpose"] = Purpose };
    }

    /// <inheritdoc />
    public async Task<DataKey> GenerateDataKeyAsync(CancellationToken cancellationToken = default)
    {
        var keyId = _options.KeyId;
        try
        {
            var response = await _kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = keyId, KeySpec = DataKeySpec.AES_256, EncryptionContext = new(_context) }, cancellationToken);
            var plaintext = response.Plaintext?.ToArray();
            var wrapped = response.CiphertextBlob?.ToArray();
            if (plaintext is not { Length: 32 } || wrapped is not { Length: > 0 })
                throw new KmsKeyException(keyId, KmsKeyProblem.Unavailable, $"KMS answered GenerateDataKey for '{keyId}' without a 32-byte key and its ciphertext.");
            return new DataKey(string.IsNullOrEmpty(response.KeyId) ? keyId : response.KeyId, plaintext, wrapped);
        }
        catch (AmazonServiceException ex)
        {
            throw Refusal(keyId, "GenerateDataKey", ex);
        }
        catch (AmazonClientException ex)
        {
            throw Unreachable(keyId, "GenerateDataKey", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(keyId, "GenerateDataKey", ex);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> DecryptDataKeyAsync(string keyId, byte[] wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        try
        {
            // The key id is given although KMS finds it in the blob: a blob of another key fails (IncorrectKeyException) instead of opening.
            using var blob = new MemoryStream(wrappedKey, writable: false);
            var response = await _kms.DecryptAsync(new DecryptRequest { CiphertextBlob = blob, KeyId = keyId, EncryptionContext = new(_context) }, cancellationToken);
            return response.Plaintext?.ToArray() ?? throw new CryptographicException($"KMS answered Decrypt under '{keyId}' without a plaintext.");
        }
        catch (AmazonServiceException ex)
        {
            throw Refusal(keyId, "Decrypt", ex);
        }
        catch (AmazonClientException ex)
        {
            throw Unreachable(keyId, "Decrypt", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(keyId, "Decrypt", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _kms.Dispose();

    /// <summary>Maps a KMS error to the exception callers act on; the message names the key and the fix.</summary>
    internal static CryptographicException Refusal(string keyId, string operation, AmazonServiceException ex) => ex switch
    {
        InvalidCiphertextException or IncorrectKeyException =>
            new CryptographicException($"KMS could not open a data key under '{keyId}' ({ex.ErrorCode}): the wrapped key was altered, belongs to another key, or was sealed with another encryption context.", ex),
        DisabledException =>
            new KmsKeyException(keyId, KmsKeyProblem.Disabled, $"The KMS key '{keyId}' is disabled, so {operation} was refused; enable it (aws kms enable-key) — data sealed under it is unreadable until then.", ex),
        NotFoundException =>
            new KmsKeyException(keyId, KmsKeyProblem.NotFound, $"The KMS key '{keyId}' does not exist in this account and region; check {KmsKeyOptions.Section}:KeyId and :Region.", ex),
        KMSInvalidStateException =>
            new KmsKeyException(keyId, KmsKeyProblem.InvalidState, $"The KMS key '{keyId}' cannot be used in its current state (e.g. pending deletion) for {operation}; cancel the deletion or restore the key.", ex),
        InvalidKeyUsageException =>
            new KmsKeyException(keyId, KmsKeyProblem.InvalidKeyUsage, $"The KMS key '{keyId}' is not a symmetric encryption key; {operation} needs one (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT).", ex),
        _ when ex.ErrorCode is "AccessDeniedException" || ex.StatusCode == System.Net.HttpStatusCode.Forbidden =>
            new KmsKeyException(keyId, KmsKeyProblem.AccessDenied, $"Access to the KMS key '{keyId}' was denied for {operation}; its key policy or the role's IAM policy must allow kms:GenerateDataKey and kms:Decrypt. ({ex.Message})", ex),
        _ => new KmsKeyException(keyId, KmsKeyProblem.Unavailable, $"KMS failed {operation} with the key '{keyId}' ({ex.ErrorCode}: {ex.Message}).", ex),
    };

    private static KmsKeyException Unreachable(string keyId, string operation, Exception ex) =>
        new(keyId, KmsKeyProblem.Unavailable, $"KMS could not be reached for {operation} with the key '{keyId}' ({ex.Message}); check the network, the region and the credentials.", ex);

    private static AmazonKeyManagementServiceClient CreateClient(KmsKeyOptions options)
    {
        var config = new AmazonKeyManagementServiceConfig { Timeout = options.RequestTimeout, MaxErrorRetry = options.MaxErrorRetry }.WithEndpoint(options.ServiceUrl, options.Region);
        return AwsClientSettings.StaticCredentials(options.AccessKey, options.SecretKey) is { } credentials
            ? new AmazonKeyManagementServiceClient(credentials, config)
            : new AmazonKeyManagementServiceClient(config);
    }
}
