using System.IO.Compression;
using System.Security.Cryptography;
using Orleans.Serialization;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Security.Crypto;

namespace TDeveloper.Grains.Checkpoints;

/// <summary>A checkpoint as stored: its bytes, their SHA-256, the master key that wrapped its data key, and its size before compression.</summary>
/// <param name="Bytes">The stored body.</param>
/// <param name="Sha256">The SHA-256 of <paramref name="Bytes"/>, lowercase hex.</param>
/// <param name="KeyId">The master key id.</param>
/// <param name="SerializedBytes">The size of the serialised body before compression.</param>
public sealed record EncodedCheckpoint(byte[] Bytes, string Sha256, string KeyId, long SerializedBytes);

/// <summary>
/// Turns a <see cref="CheckpointBody"/> into stored bytes and back, free of grains: serialised with the Orleans serializer
/// (version tolerant, the same <c>[Id]</c>s as grain state), compressed with Brotli, encrypted with AES-256-GCM through
/// the <see cref="IFieldProtector"/> envelope (the data key wrapped by the current master key, whose id is recorded), behind
/// a plain header.
/// </summary>
/// <remarks>
/// <para>Format, version 1: <c>"TDCKPT"</c>, a format byte (1), a compression byte (1 = Brotli), then the
/// <see cref="SealedValueCodec"/> envelope (<c>TDSEAL</c>, key id, wrapped data key, nonce, ciphertext and tag) of the
/// compressed body. The ciphertext is bound to <c>checkpoint/v1/{session key}/{checkpoint id}</c>, so a body copied to
/// another checkpoint or session does not open.</para>
/// <para>Decoding checks the SHA-256 the metadata records first, then the header, then decrypts; every failure is a
/// <see cref="CheckpointCorruptException"/> naming the <see cref="CheckpointDefect"/>. Old checkpoints stay readable after
/// the master key rotates for as long as the old key is kept (the key provider keeps every key for unwrapping).</para>
/// </remarks>
public sealed class CheckpointCodec(Serializer serializer, IFieldProtector protector)
{
    /// <summary>The format version this codec writes and reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>The compression byte of Brotli.</summary>
    public const byte Brotli = 1;

    private static readonly byte[] Magic = "TDCKPT"u8.ToArray();
    private static readonly int HeaderLength = Magic.Length + 2;

    /// <summary>Serialises, compresses and encrypts <paramref name="body"/>, bound to its session and id.</summary>
    public async Task<EncodedCheckpoint> EncodeAsync(CheckpointBody body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var serialized = serializer.SerializeToArray(body);
        var compressed = Compress(serialized);
        var sealedData = await protector.SealAsync(compressed, ContextOf(body.SessionKey, body.Id), cancellationToken);
        var envelope = SealedValueCodec.ToBytes(sealedData);
        var bytes = new byte[HeaderLength + envelope.Length];
        Magic.CopyTo(bytes, 0);
        bytes[Magic.Length] = FormatVersion;
        bytes[Magic.Length + 1] = Brotli;
        envelope.CopyTo(bytes, HeaderLength);
        return new EncodedCheckpoint(bytes, HashOf(bytes), sealedData.KeyId, serialized.LongLength);
    }

    /// <summary>Verifies and decodes the stored body of checkpoint <paramref name="checkpointId"/> of <paramref name="sessionKey"/>.</summary>
    /// <param name="bytes">The stored body, or <see langword="null"/> when the store has none.</param>
    /// <param name="expectedSha256">The SHA-256 the checkpoint's metadata records.</param>
    /// <param name="sessionKey">The session the checkpoint belongs to.</param>
    /// <param name="checkpointId">The checkpoint's id.</param>
    /// <param name="cancellationToken">Cancels the key provider's call.</param>
    /// <exception cref="CheckpointCorruptException">The body is missing, changed, cut, does not decrypt or does not deserialise.</exception>
    public async Task<CheckpointBody> DecodeAsync(byte[]? bytes, string expectedSha256, string sessionKey, string checkpointId, CancellationToken cancellationToken = default)
    {
        if (bytes is null) throw new CheckpointCorruptException(checkpointId, CheckpointDefect.Missing, "the store has no body for it.");
        if (!string.Equals(HashOf(bytes), expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointCorruptException(checkpointId, CheckpointDefect.HashMismatch, $"the body ({bytes.Length} bytes) does not hash to the recorded SHA-256.");
        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new CheckpointCorruptException(checkpointId, CheckpointDefect.BadHeader, "the body does not start with the checkpoint header.");
        if (bytes[Magic.Length] != FormatVersion || bytes[Magic.Length + 1] != Brotli)
            throw new CheckpointCorruptException(checkpointId, CheckpointDefect.BadHeader, $"format {bytes[Magic.Length]} with compression {bytes[Magic.Length + 1]} is not known to this version.");
        if (!SealedValueCodec.TryFromBytes(bytes.AsSpan(HeaderLength), out var sealedData))
            throw new CheckpointCorruptException(checkpointId, CheckpointDefect.Truncated, "the encrypted envelope is cut short.");

        byte[] compressed;
        try
        {
            compressed = await protector.UnsealAsync(sealedData, ContextOf(sessionKey, checkpointId), cancellationToken);
        }
        catch (CryptographicException ex)
        {
            throw new CheckpointCorruptException(checkpointId, CheckpointDefect.DecryptionFailed, ex.Message, ex);
        }

        try
        {
            return serializer.Deserialize<CheckpointBody>(Decompress(compressed)) ?? throw new InvalidDataException("The body deserialised to nothing.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new CheckpointCorruptException(checkpointId, CheckpointDefect.BadContent, ex.Message, ex);
        }
    }

    /// <summary>Seals a copy of a workspace file body for the checkpoint store, bound to its session and hash.</summary>
    public async Task<byte[]> SealFileAsync(string sessionKey, string hash, byte[] content, CancellationToken cancellationToken = default) =>
        SealedValueCodec.ToBytes(await protector.SealAsync(content, FileContextOf(sessionKey, hash), cancellationToken));

    /// <summary>Opens a workspace file body sealed by <see cref="SealFileAsync"/> and checks it hashes to <paramref name="hash"/>.</summary>
    /// <exception cref="CheckpointCorruptException">The stored copy is missing, does not open or is not the file named.</exception>
    public async Task<byte[]> OpenFileAsync(string sessionKey, string hash, byte[]? stored, CancellationToken cancellationToken = default)
    {
        if (stored is null) throw new CheckpointCorruptException(hash, CheckpointDefect.Missing, "the store has no copy of the workspace file.");
        if (!SealedValueCodec.TryFromBytes(stored, out var sealedData)) throw new CheckpointCorruptException(hash, CheckpointDefect.Truncated, "the file's envelope is cut short.");
        byte[] content;
        try
        {
            content = await protector.UnsealAsync(sealedData, FileContextOf(sessionKey, hash), cancellationToken);
        }
        catch (CryptographicException ex)
        {
            throw new CheckpointCorruptException(hash, CheckpointDefect.DecryptionFailed, ex.Message, ex);
        }

        return HashOf(content) == hash ? content : throw new CheckpointCorruptException(hash, CheckpointDefect.HashMismatch, "the file's copy is not the content its hash names.");
    }

    /// <summary>Gets the SHA-256 of <paramref name="bytes"/>, lowercase hex.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string ContextOf(string sessionKey, string checkpointId) => $"checkpoint/v{FormatVersion}/{sessionKey}/{checkpointId}";

    private static string FileContextOf(string sessionKey, string hash) => $"checkpoint-file/{sessionKey}/{hash}";

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream(data.Length / 3 + 64);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)) brotli.Write(data);
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        using var input = new MemoryStream(data, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(data.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
