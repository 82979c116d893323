using System.IO.Compression;

namespace TDeveloper.Aws.Storage;

/// <summary>Compresses serialized state above a threshold, and restores it from the name recorded with it.</summary>
internal static class StatePayloadCodec
{
    private const string GZipName = "gzip";
    private const string BrotliName = "br";

    /// <summary>
    /// Compresses <paramref name="serialized"/> when it is over <paramref name="compressAboveBytes"/> and compression makes it
    /// smaller; otherwise returns it as it is, with no compression name.
    /// </summary>
    public static (byte[] Payload, string? Compression) Encode(ReadOnlyMemory<byte> serialized, int compressAboveBytes, StateCompression algorithm)
    {
        if (serialized.Length <= compressAboveBytes) return (serialized.ToArray(), null);

        using var output = new MemoryStream(serialized.Length / 2);
        using (var compressor = Compressor(output, algorithm))
        {
            compressor.Write(serialized.Span);
        }

        return output.Length < serialized.Length ? (output.ToArray(), Name(algorithm)) : (serialized.ToArray(), null);
    }

    /// <summary>Restores the serialized bytes from a stored payload.</summary>
    /// <exception cref="InvalidDataException">The compression name is unknown.</exception>
    public static byte[] Decode(byte[] payload, string? compression)
    {
        if (compression is null) return payload;

        using var input = new MemoryStream(payload, writable: false);
        using Stream decompressor = compression switch
        {
            GZipName => new GZipStream(input, CompressionMode.Decompress),
            BrotliName => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"Grain state is stored with unknown compression '{compression}'."),
        };
        using var output = new MemoryStream(payload.Length * 4);
        decompressor.CopyTo(output);
        return output.ToArray();
    }

    private static Stream Compressor(Stream output, StateCompression algorithm) => algorithm switch
    {
        StateCompression.Brotli => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        _ => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
    };

    private static string Name(StateCompression algorithm) => algorithm == StateCompression.Brotli ? BrotliName : GZipName;
}
