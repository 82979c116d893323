namespace TDeveloper.Aws.Bedrock;

/// <summary>One message of an AWS event stream: its string headers (<c>:message-type</c>, <c>:event-type</c> …) and its payload.</summary>
/// <param name="Headers">The headers of string type; headers of other types are skipped.</param>
/// <param name="Payload">The payload (JSON for Bedrock).</param>
internal sealed record EventStreamFrame(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Gets a header's value, if the frame has it.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
