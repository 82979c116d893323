using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace TDeveloper.Aws.Bedrock;

/// <summary>
/// Reads the frames of an AWS event stream (<c>application/vnd.amazon.eventstream</c>) one at a time as they arrive:
/// a 12-byte prelude (total length, headers length, CRC-32 of those 8 bytes), the headers, the payload and a CRC-32 of the whole
/// message. Both checksums are verified, and the prelude's before its lengths are trusted, so a corrupted frame fails at once
/// instead of waiting for bytes that never come. A corrupted or truncated frame throws <see cref="InvalidDataException"/>.
/// </summary>
/// <remarks>
/// Hand-written: AWSSDK.Core's streaming decoder lives in its <c>Amazon.Runtime.EventStreams.Internal</c> namespace (for the
/// SDK's generated clients) and its public <c>EventStreamMessage.FromBuffer</c> needs a frame already cut out of the stream; the
/// framing is small and this keeps the errors precise. CRC-32 comes from System.IO.Hashing.
/// </remarks>
internal sealed class EventStreamReader(Stream stream, int maxFrameLength = EventStreamReader.DefaultMaxFrameLength)
{
    /// <summary>The largest frame accepted (16 MiB, the event-stream format's limit on a message).</summary>
    public const int DefaultMaxFrameLength = 16 * 1024 * 1024;

    private const int PreludeLength = 12;
    private const int ChecksumLength = 4;

    private readonly byte[] _prelude = new byte[PreludeLength];
    private int _frames;

    /// <summary>Reads the next frame, or <see langword="null"/> when the stream ends cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">A checksum does not match, a length is impossible, or the stream ends inside a frame.</exception>
    public async ValueTask<EventStreamFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var ordinal = ++_frames;
        var read = await stream.ReadAtLeastAsync(_prelude, PreludeLength, throwOnEndOfStream: false, cancellationToken);
        if (read == 0) return null;
        if (read < PreludeLength) throw Corrupt(ordinal, $"the stream ended inside the prelude ({read} of {PreludeLength} bytes)");

        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(_prelude);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(_prelude.AsSpan(4));
        var preludeCrc = BinaryPrimitives.ReadUInt32BigEndian(_prelude.AsSpan(8));
        var computedPreludeCrc = Crc32.HashToUInt32(_prelude.AsSpan(0, 8));
        if (computedPreludeCrc != preludeCrc) throw Corrupt(ordinal, $"the prelude CRC-32 is 0x{preludeCrc:x8} but the prelude hashes to 0x{computedPreludeCrc:x8}");
        if (totalLength < PreludeLength + ChecksumLength || totalLength > maxFrameLength) throw Corrupt(ordinal, $"a total length of {totalLength} bytes is impossible");
        if (headersLength > totalLength - PreludeLength - ChecksumLength) throw Corrupt(ordinal, $"headers of {headersLength} bytes do not fit a frame of {totalLength} bytes");

        var frame = new byte[totalLength];
        _prelude.CopyTo(frame, 0);
        read = await stream.ReadAtLeastAsync(frame.AsMemory(PreludeLength), frame.Length - PreludeLength, throwOnEndOfStream: false, cancellationToken);
        if (read < frame.Length - PreludeLength) throw Corrupt(ordinal, $"the stream ended inside the frame ({PreludeLength + read} of {totalLength} bytes)");

        var messageCrc = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(frame.Length - ChecksumLength));
        var computedMessageCrc = Crc32.HashToUInt32(frame.AsSpan(0, frame.Length - ChecksumLength));
        if (computedMessageCrc != messageCrc) throw Corrupt(ordinal, $"the message CRC-32 is 0x{messageCrc:x8} but the frame hashes to 0x{computedMessageCrc:x8}");

        var headers = ReadHeaders(ordinal, frame.AsSpan(PreludeLength, (int)headersLength));
        var payloadStart = PreludeLength + (int)headersLength;
        return new EventStreamFrame(headers, frame.AsMemory(payloadStart, frame.Length - ChecksumLength - payloadStart));
    }

    private static Dictionary<string, string> ReadHeaders(int ordinal, ReadOnlySpan<byte> block)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < block.Length)
        {
            var nameLength = block[position++];
            var name = Encoding.UTF8.GetString(Take(ordinal, block, ref position, nameLength));
            var type = Take(ordinal, block, ref position, 1)[0];
            switch (type)
            {
                case 0 or 1: break; // boolean true / false: the type is the value
                case 2: Take(ordinal, block, ref position, 1); break; // byte
                case 3: Take(ordinal, block, ref position, 2); break; // int16
                case 4: Take(ordinal, block, ref position, 4); break; // int32
                case 5 or 8: Take(ordinal, block, ref position, 8); break; // int64, timestamp
                case 9: Take(ordinal, block, ref position, 16); break; // uuid
                case 6 or 7: // byte array, string: a 2-byte length, then the bytes
                    var length = BinaryPrimitives.ReadUInt16BigEndian(Take(ordinal, block, ref position, 2));
                    var value = Take(ordinal, block, ref position, length);
                    if (type == 7) headers[name] = Encoding.UTF8.GetString(value);
                    break;
                default: throw Corrupt(ordinal, $"header '{name}' has the unknown type {type}");
            }
        }

        return headers;
    }

    private static ReadOnlySpan<byte> Take(int ordinal, ReadOnlySpan<byte> block, ref int position, int length)
    {
        if (position + length > block.Length) throw Corrupt(ordinal, "a header runs past the end of the headers");
        var taken = block.Slice(position, length);
        position += length;
        return taken;
    }

    private static InvalidDataException Corrupt(int ordinal, string detail) => new($"event-stream frame {ordinal}: {detail}");
}
