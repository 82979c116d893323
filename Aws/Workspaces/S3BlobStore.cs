using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace TDeveloper.Aws.Workspaces;

/// <summary>
/// Whole-object bodies in one S3 bucket under a key prefix: put, get, delete. An S3 put is atomic (a reader sees the old
/// or the new object, never part of one), which is what workspace writes rely on.
/// </summary>
public sealed class S3BlobStore : IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly S3BlobOptions _options;
    private readonly Lock _gate = new();
    private Task? _bucketReady;

    /// <summary>Creates the store over a client built from <paramref name="options"/>.</summary>
    public S3BlobStore(S3BlobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _s3 = CreateClient(options);
    }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> (after the prefix), replacing what was there.</summary>
    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        await BucketReadyAsync().WaitAsync(cancellationToken);
        using var body = new MemoryStream(content, writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _options.Bucket, Key = _options.KeyPrefix + key, InputStream = body, UseChunkEncoding = false }, cancellationToken);
    }

    /// <summary>Gets the body under <paramref name="key"/>, or <see langword="null"/> when there is none.</summary>
    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await BucketReadyAsync().WaitAsync(cancellationToken);
        try
        {
            using var response = await _s3.GetObjectAsync(_options.Bucket, _options.KeyPrefix + key, cancellationToken);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the body under <paramref name="key"/>; a missing one is not an error.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await BucketReadyAsync().WaitAsync(cancellationToken);
        await _s3.DeleteObjectAsync(_options.Bucket, _options.KeyPrefix + key, cancellationToken);
    }

    /// <summary>Gets the keys (after the prefix) that start with <paramref name="prefix"/>, in ordinal order, every page of the listing.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        await BucketReadyAsync().WaitAsync(cancellationToken);
        var keys = new List<string>();
        // ListObjects with a marker (the last key seen) rather than V2's continuation token, which s3rver fails on.
        var request = new ListObjectsRequest { BucketName = _options.Bucket, Prefix = _options.KeyPrefix + prefix };
        ListObjectsResponse response;
        do
        {
            response = await _s3.ListObjectsAsync(request, cancellationToken);
            var page = response.S3Objects ?? [];
            keys.AddRange(page.Select(o => o.Key[_options.KeyPrefix.Length..]));
            request.Marker = page.Count > 0 ? page[^1].Key : null;
        }
        while (response.IsTruncated == true && request.Marker is not null);

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <inheritdoc/>
    public void Dispose() => _s3.Dispose();

    /// <summary>The bucket check, made once; a failed one is tried again by the next call rather than remembered.</summary>
    private Task BucketReadyAsync()
    {
        lock (_gate)
        {
            if (_bucketReady is null || _bucketReady.IsFaulted || _bucketReady.IsCanceled) _bucketReady = EnsureBucketAsync();
            return _bucketReady;
        }
    }

    private async Task EnsureBucketAsync()
    {
        if (!_options.CreateBucketIfNotExists) return;
        try
        {
            await _s3.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket });
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    private static AmazonS3Client CreateClient(S3BlobOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            Timeout = options.RequestTimeout,
            // Checksums only where S3 requires them: emulators do not all understand the SDK's trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        }.WithEndpoint(options.ServiceUrl, options.Region);
        return AwsClientSettings.StaticCredentials(options.AccessKey, options.SecretKey) is { } credentials
            ? new AmazonS3Client(credentials, config)
            : new AmazonS3Client(config);
    }
}
