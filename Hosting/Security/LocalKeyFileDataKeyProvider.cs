using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Hosting.Storage;

namespace TDeveloper.Hosting.Security;

/// <summary>
/// The embedded default's <see cref="IDataKeyProvider"/>: master keys in a local JSON file, created with one random
/// 256-bit key at first start and readable by its owner only. Data keys are wrapped with AES-256-GCM under the
/// current master key; every key in the file stays usable for unwrapping, so adding a key and making it current
/// rotates without making old data unreadable.
/// </summary>
/// <remarks>Hand-written: no served package keeps master keys in a file. In AWS mode KMS holds them instead.</remarks>
public sealed class LocalKeyFileDataKeyProvider(IOptions<LocalKeyFileOptions> options) : IDataKeyProvider
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _load = new(1, 1);
    private LocalKeyFile? _file;

    /// <inheritdoc />
    public async Task<DataKey> GenerateDataKeyAsync(CancellationToken cancellationToken = default)
    {
        var file = await LoadAsync(cancellationToken);
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var wrapped = new byte[NonceBytes + plaintext.Length + TagBytes];
        nonce.CopyTo(wrapped, 0);
        using var aes = new AesGcm(file.MasterKey(file.Current), TagBytes);
        aes.Encrypt(nonce, plaintext, wrapped.AsSpan(NonceBytes, plaintext.Length), wrapped.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(file.Current));
        return new DataKey(file.Current, plaintext, wrapped);
    }

    /// <inheritdoc />
    public async Task<byte[]> DecryptDataKeyAsync(string keyId, byte[] wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        var file = await LoadAsync(cancellationToken);
        if (!file.Keys.ContainsKey(keyId))
        {
            _file = null; // another process may have rotated: read the file again once
            file = await LoadAsync(cancellationToken);
        }

        if (!file.Keys.ContainsKey(keyId)) throw new CryptographicException($"The master key '{keyId}' is not in {options.Value.Path}.");
        if (wrappedKey.Length <= NonceBytes + TagBytes) throw new CryptographicException("The wrapped data key is truncated.");
        var length = wrappedKey.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(file.MasterKey(keyId), TagBytes);
        aes.Decrypt(wrappedKey.AsSpan(0, NonceBytes), wrappedKey.AsSpan(NonceBytes, length), wrappedKey.AsSpan(NonceBytes + length), plaintext, Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }

    /// <summary>Adds a new master key to the file and makes it current; the old ones stay for reading. Returns the new key's id.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        await _load.WaitAsync(cancellationToken);
        try
        {
            var path = options.Value.Path;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!); // the lock file lives beside the key file
            await using var fileLock = await CrossProcessFileLock.AcquireAsync(path + ".lock", LockTimeout);
            var file = await ReadOrCreateAsync(path, cancellationToken);
            var id = NewKeyId();
            file = file with { Current = id, Keys = new Dictionary<string, string>(file.Keys) { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } };
            await WriteAsync(path, file, cancellationToken);
            _file = file;
            return id;
        }
        finally
        {
            _load.Release();
        }
    }

    private async ValueTask<LocalKeyFile> LoadAsync(CancellationToken cancellationToken)
    {
        if (_file is { } loaded) return loaded;
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_file is { } again) return again;
            var path = options.Value.Path;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!); // the lock file lives beside the key file
            await using var fileLock = await CrossProcessFileLock.AcquireAsync(path + ".lock", LockTimeout);
            return _file = await ReadOrCreateAsync(path, cancellationToken);
        }
        finally
        {
            _load.Release();
        }
    }

    private static async Task<LocalKeyFile> ReadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            await using var stream = File.OpenRead(path);
            var file = await JsonSerializer.DeserializeAsync<LocalKeyFile>(stream, cancellationToken: cancellationToken);
            if (file is null || !file.Keys.ContainsKey(file.Current))
                throw new InvalidOperationException($"The key file {path} names no current key among its keys; restore it from backup (data sealed under its keys cannot be read without it).");
            return file;
        }

        var id = NewKeyId();
        var created = new LocalKeyFile { Current = id, Keys = new Dictionary<string, string> { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) } };
        await WriteAsync(path, created, cancellationToken);
        return created;
    }

    private static async Task WriteAsync(string path, LocalKeyFile file, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temporary, fileOptions))
            await JsonSerializer.SerializeAsync(stream, file, cancellationToken: cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static string NewKeyId() => "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private sealed record LocalKeyFile
    {
        public required string Current { get; init; }

        public required Dictionary<string, string> Keys { get; init; }

        public byte[] MasterKey(string id) => Convert.FromBase64String(Keys[id]);
    }
}
