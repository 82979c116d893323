using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using TDeveloper.Grains.Interfaces.Security;

namespace TDeveloper.Grains.Security.Crypto;

/// <summary>
/// How a <see cref="SealedData"/> is stored in place of the field it protects: as bytes for binary fields and bodies
/// (<c>TDSEAL</c>, version 1, then key id, wrapped key, nonce and ciphertext, each length-prefixed where needed), and as
/// text for string fields (<see cref="TextPrefix"/> followed by the base64 of those bytes), so a field keeps its type,
/// old plaintext values still load, and a raw dump shows at a glance what is sealed.
/// </summary>
public static class SealedValueCodec
{
    /// <summary>The start of a sealed string.</summary>
    public const string TextPrefix = "tdseal:1:";

    private const int NonceBytes = 12;
    private static readonly byte[] Magic = "TDSEAL"u8.ToArray();
    private const byte Version = 1;

    /// <summary>Encodes <paramref name="sealedData"/> as bytes.</summary>
    public static byte[] ToBytes(SealedData sealedData)
    {
        ArgumentNullException.ThrowIfNull(sealedData);
        var keyId = Encoding.UTF8.GetBytes(sealedData.KeyId);
        if (keyId.Length > ushort.MaxValue || sealedData.WrappedKey.Length > ushort.MaxValue || sealedData.Nonce.Length != NonceBytes)
            throw new ArgumentException("The sealed value's key id, wrapped key or nonce is out of range.", nameof(sealedData));
        var bytes = new byte[Magic.Length + 1 + 2 + keyId.Length + 2 + sealedData.WrappedKey.Length + NonceBytes + sealedData.Ciphertext.Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span[Magic.Length] = Version;
        var at = Magic.Length + 1;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)keyId.Length);
        keyId.CopyTo(span[(at += 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at += keyId.Length)..], (ushort)sealedData.WrappedKey.Length);
        sealedData.WrappedKey.CopyTo(span[(at += 2)..]);
        sealedData.Nonce.CopyTo(span[(at += sealedData.WrappedKey.Length)..]);
        sealedData.Ciphertext.CopyTo(span[(at + NonceBytes)..]);
        return bytes;
    }

    /// <summary>Decodes bytes written by <see cref="ToBytes"/>; <see langword="false"/> for anything else (an old plaintext value).</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SealedData? sealedData)
    {
        sealedData = null;
        if (bytes.Length < Magic.Length + 1 + 2 || !bytes.StartsWith(Magic) || bytes[Magic.Length] != Version) return false;
        var at = Magic.Length + 1;
        int keyIdLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        at += 2;
        if (keyIdLength == 0 || bytes.Length < at + keyIdLength + 2) return false;
        string keyId;
        try
        {
            keyId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Slice(at, keyIdLength));
        }
        catch (ArgumentException)
        {
            return false;
        }

        at += keyIdLength;
        int wrappedLength = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
        at += 2;
        if (wrappedLength == 0 || bytes.Length < at + wrappedLength + NonceBytes) return false;
        var wrapped = bytes.Slice(at, wrappedLength).ToArray();
        at += wrappedLength;
        var nonce = bytes.Slice(at, NonceBytes).ToArray();
        sealedData = new SealedData { KeyId = keyId, WrappedKey = wrapped, Nonce = nonce, Ciphertext = bytes[(at + NonceBytes)..].ToArray() };
        return true;
    }

    /// <summary>Encodes <paramref name="sealedData"/> as a string.</summary>
    public static string ToText(SealedData sealedData) => TextPrefix + Convert.ToBase64String(ToBytes(sealedData));

    /// <summary>Decodes a string written by <see cref="ToText"/>; <see langword="false"/> for anything else (an old plaintext value).</summary>
    public static bool TryFromText(string? text, [NotNullWhen(true)] out SealedData? sealedData)
    {
        sealedData = null;
        if (text is null || !text.StartsWith(TextPrefix, StringComparison.Ordinal)) return false;
        var base64 = text.AsSpan(TextPrefix.Length);
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64Chars(base64, buffer, out var written) && TryFromBytes(buffer.AsSpan(0, written), out sealedData);
    }

    /// <summary>Gets whether <paramref name="text"/> is a sealed string.</summary>
    public static bool IsSealed(string? text) => TryFromText(text, out _);
}
