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
/// current master key (its id as associated data); every key in the file stays usable for unwrapping, so adding a key
/// and making it current (<see cref="RotateAsync"/>) rotates without making old data unreadable.
/// </summary>
/// <remarks>
/// Hand-written: no served package keeps master keys in a file. In AWS mode KMS holds them instead. Several processes
/// may share one file: it is created and rotated under a cross-process lock, written to a temporary file, flushed to
/// disk and renamed over the old one, and a process notices another's rotation (by the file's write time) the next
/// time it generates a data key, and at once when it meets a key id it does not know.
/// </remarks>
public sealed class LocalKeyFileDataKeyProvider(IOptions<LocalKeyFileOptions> options) : IDataKeyProvider
{
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile Loaded? _file;

    /// <summary>Gets the key file's full path.</summary>
    public string FilePath => Path.GetFullPath(options.Value.Path);

    /// <inheritdoc />
    public async Task<DataKey> GenerateDataKeyAsync(CancellationToken cancellationToken = default)
    {
        var file = await LoadAsync(reloadIfChanged: true, cancellationToken);
        var plaintext = RandomNumberGenerator.GetBytes(KeyBytes);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var wrapped = new byte[NonceBytes + plaintext.Length + TagBytes];
        nonce.CopyTo(wrapped, 0);
        using var aes = new AesGcm(file.Keys[file.Current], TagBytes);
        aes.Encrypt(nonce, plaintext, wrapped.AsSpan(NonceBytes, plaintext.Length), wrapped.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(file.Current));
        return new DataKey(file.Current, plaintext, wrapped);
    }

    /// <inheritdoc />
    public async Task<byte[]> DecryptDataKeyAsync(string keyId, byte[] wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        var file = await LoadAsync(reloadIfChanged: false, cancellationToken);
        if (!file.Keys.ContainsKey(keyId)) file = await LoadAsync(reloadIfChanged: true, cancellationToken); // another process may have rotated

        if (!file.Keys.TryGetValue(keyId, out var master)) throw new CryptographicException($"The master key '{keyId}' is not in {FilePath}; restore the key file from its backup.");
        if (wrappedKey.Length <= NonceBytes + TagBytes) throw new CryptographicException("The wrapped data key is truncated.");
        var length = wrappedKey.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(master, TagBytes);
        aes.Decrypt(wrappedKey.AsSpan(0, NonceBytes), wrappedKey.AsSpan(NonceBytes, length), wrappedKey.AsSpan(NonceBytes + length), plaintext, Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }

    /// <summary>Gets the id of the current master key (creating the file at first use).</summary>
    public async Task<string> CurrentKeyIdAsync(CancellationToken cancellationToken = default) => (await LoadAsync(reloadIfChanged: true, cancellationToken)).Current;

    /// <summary>Adds a new master key to the file and makes it current; the old ones stay for reading. Returns the new key's id.</summary>
    /// <remarks>Data keys generated before (and cached by a field protector for up to an hour) stay under the old key; new ones use the new key.</remarks>
    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        await _load.WaitAsync(cancellationToken);
        try
        {
            var path = FilePath;
            Directory.CreateDirectory(DirectoryOf(path));
            await using var fileLock = await CrossProcessFileLock.AcquireAsync(path + ".lock", LockTimeout);
            var file = await ReadOrCreateAsync(path, _file?.ToFile(), cancellationToken);
            var id = NewKeyId();
            var rotated = new LocalKeyFile { Current = id, Keys = new Dictionary<string, string>(file.Keys) { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) } };
            await WriteAsync(path, rotated, cancellationToken);
            _file = Loaded.From(rotated, path);
            return id;
        }
        finally
        {
            _load.Release();
        }
    }

    private async ValueTask<Loaded> LoadAsync(bool reloadIfChanged, CancellationToken cancellationToken)
    {
        if (_file is { } loaded && !(reloadIfChanged && loaded.IsStale(FilePath))) return loaded;
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_file is { } again && !(reloadIfChanged && again.IsStale(FilePath))) return again;
            var path = FilePath;
            Directory.CreateDirectory(DirectoryOf(path));
            await using var fileLock = await CrossProcessFileLock.AcquireAsync(path + ".lock", LockTimeout);
            var file = await ReadOrCreateAsync(path, _file?.ToFile(), cancellationToken);
            return _file = Loaded.From(file, path);
        }
        finally
        {
            _load.Release();
        }
    }

    /// <summary>Reads the file; creates it when missing, with <paramref name="known"/> (the keys this process already holds, so a deleted file is restored rather than replaced) or a new key.</summary>
    private static async Task<LocalKeyFile> ReadOrCreateAsync(string path, LocalKeyFile? known, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // a copy restored from backup may have come back readable by others

            LocalKeyFile? file;
            try
            {
                await using var stream = File.OpenRead(path);
                file = await JsonSerializer.DeserializeAsync<LocalKeyFile>(stream, cancellationToken: cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"The key file {path} is not valid JSON; restore it from its backup (data sealed under its keys cannot be read without it).", ex);
            }

            if (file?.Keys is null || file.Current is null || !file.Keys.ContainsKey(file.Current))
                throw new InvalidOperationException($"The key file {path} names no current key among its keys; restore it from its backup (data sealed under its keys cannot be read without it).");
            foreach (var (id, key) in file.Keys)
            {
                if (!IsKey(key)) throw new InvalidOperationException($"The key file {path} holds key '{id}' that is not 32 bytes of base64; restore the file from its backup.");
            }

            return file;
        }

        var created = known;
        if (created is null)
        {
            created = new LocalKeyFile { Current = NewKeyId(), Keys = [] };
            created.Keys[created.Current] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));
        }

        await WriteAsync(path, created, cancellationToken);
        return created;
    }

    private static bool IsKey(string? base64)
    {
        Span<byte> buffer = stackalloc byte[KeyBytes + 3];
        return base64 is not null && Convert.TryFromBase64String(base64, buffer, out var written) && written == KeyBytes;
    }

    /// <summary>Writes a temporary file (owner-only), flushes it to disk, then renames it over the key file: a crash leaves the old file or the new one.</summary>
    private static async Task WriteAsync(string path, LocalKeyFile file, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary); // a left-over one could have other permissions, which a create would keep
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temporary, fileOptions))
        {
            await JsonSerializer.SerializeAsync(stream, file, new JsonSerializerOptions { WriteIndented = true }, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string DirectoryOf(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory) && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    private static string NewKeyId() => "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private sealed record LocalKeyFile
    {
        public required string Current { get; init; }

        public required Dictionary<string, string> Keys { get; init; }
    }

    /// <summary>The file as read: its keys decoded, and its write time to notice another process's rotation.</summary>
    private sealed class Loaded
    {
        public required string Current { get; init; }

        public required Dictionary<string, byte[]> Keys { get; init; }

        public required DateTime WrittenAt { get; init; }

        public static Loaded From(LocalKeyFile file, string path) => new()
        {
            Current = file.Current,
            Keys = file.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal),
            WrittenAt = File.GetLastWriteTimeUtc(path),
        };

        public bool IsStale(string path) => File.GetLastWriteTimeUtc(path) != WrittenAt;

        public LocalKeyFile ToFile() => new() { Current = Current, Keys = Keys.ToDictionary(k => k.Key, k => Convert.ToBase64String(k.Value), StringComparer.Ordinal) };
    }
}
