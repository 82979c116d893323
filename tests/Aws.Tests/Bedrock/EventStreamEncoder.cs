using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace TDeveloper.Aws.Tests.Bedrock;

/// <summary>Encodes AWS event-stream frames as Bedrock sends them, from the format's description, for the stub server.</summary>
internal static class EventStreamEncoder
{
    /// <summary>Encodes an event frame (<c>:message-type event</c>) of <paramref name="eventType"/> with a JSON payload.</summary>
    public static byte[] Event(string eventType, object payload) => Frame(
        [(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")],
        JsonSerializer.SerializeToUtf8Bytes(payload));

    /// <summary>Encodes an exception frame (<c>:message-type exception</c>) of <paramref name="exceptionType"/>.</summary>
    public static byte[] Exception(string exceptionType, string message) => Frame(
        [(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
        JsonSerializer.SerializeToUtf8Bytes(new { message }));

    /// <summary>Encodes a frame with string headers and, when asked, headers of the other types a decoder must skip.</summary>
    public static byte[] Frame(IEnumerable<(string Name, string Value)> headers, byte[] payload, bool withOtherHeaderTypes = false)
    {
        using var block = new MemoryStream();
        if (withOtherHeaderTypes)
        {
            WriteName(block, "flag"); block.WriteByte(0);                                   // boolean true: no value
            WriteName(block, "count"); block.WriteByte(4); WriteBigEndian(block, 7u);       // int32
            WriteName(block, ":date"); block.WriteByte(8); block.Write(new byte[8]);        // timestamp
            WriteName(block, "raw"); block.WriteByte(6); WriteBigEndian16(block, 3); block.Write([1, 2, 3]); // byte array
            WriteName(block, "id"); block.WriteByte(9); block.Write(new byte[16]);          // uuid
        }

        foreach (var (name, value) in headers)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            WriteName(block, name);
            block.WriteByte(7);
            WriteBigEndian16(block, (ushort)bytes.Length);
            block.Write(bytes);
        }

        var headerBytes = block.ToArray();
        var total = 12 + headerBytes.Length + payload.Length + 4;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        headerBytes.CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32.HashToUInt32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    private static void WriteName(Stream stream, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        stream.WriteByte((byte)bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteBigEndian(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteBigEndian16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }
}
