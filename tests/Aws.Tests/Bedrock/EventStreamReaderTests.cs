using System.Text;
using TDeveloper.Aws.Bedrock;

namespace TDeveloper.Aws.Tests.Bedrock;

public class EventStreamReaderTests
{
    [Fact]
    public async Task Frames_are_read_one_by_one_with_their_string_headers_and_payload_until_a_clean_end()
    {
        var first = EventStreamEncoder.Frame([(":event-type", "a"), (":message-type", "event")], Encoding.UTF8.GetBytes("{\"n\":1}"), withOtherHeaderTypes: true);
        var second = EventStreamEncoder.Frame([(":event-type", "b")], []);
        var reader = new EventStreamReader(new MemoryStream([.. first, .. second]));

        var a = await reader.ReadAsync(CancellationToken.None);
        var b = await reader.ReadAsync(CancellationToken.None);
        var end = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal("a", a!.Header(":event-type"));
        Assert.Equal("event", a.Header(":message-type"));
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString(a.Payload.Span));
        Assert.Equal(2, a.Headers.Count); // the boolean, int, timestamp, byte-array and uuid headers were skipped, not misread
        Assert.Equal("b", b!.Header(":event-type"));
        Assert.True(b.Payload.IsEmpty);
        Assert.Null(end);
    }

    [Theory]
    [InlineData("payload", "message CRC-32")]
    [InlineData("length", "prelude CRC-32")]
    [InlineData("prelude-crc", "prelude CRC-32")]
    [InlineData("message-crc", "message CRC-32")]
    [InlineData("truncated", "ended inside the frame")]
    [InlineData("truncated-prelude", "ended inside the prelude")]
    public async Task A_corrupted_or_truncated_frame_is_refused_with_what_is_wrong(string damage, string expected)
    {
        var good = EventStreamEncoder.Frame([(":event-type", "a")], Encoding.UTF8.GetBytes("{\"text\":\"hello\"}"));
        var frame = Damage(good, damage);
        var reader = new EventStreamReader(new MemoryStream(frame));

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadAsync(CancellationToken.None));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("event-stream frame 1:", error.Message);
    }

    [Fact]
    public async Task A_frame_longer_than_the_limit_is_refused_before_it_is_read()
    {
        var frame = EventStreamEncoder.Frame([], new byte[100]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await new EventStreamReader(new MemoryStream(frame), maxFrameLength: 64).ReadAsync(CancellationToken.None));

        Assert.Contains("impossible", error.Message);
    }

    internal static byte[] Damage(byte[] frame, string damage)
    {
        var copy = frame.ToArray();
        switch (damage)
        {
            case "payload": copy[^6] ^= 0x20; break;
            case "length": copy[3] ^= 0x01; break;
            case "prelude-crc": copy[9] ^= 0x01; break;
            case "message-crc": copy[^1] ^= 0x01; break;
            case "truncated": return copy[..^3];
            case "truncated-prelude": return copy[..7];
        }

        return copy;
    }
}
