using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>
/// The events of one <c>OnNextBatchAsync</c>/<c>OnNextAsync</c> call on one stream, written as one Kinesis record (Orleans'
/// serializer makes the record's bytes). Once read, it also carries the record's Kinesis sequence number, which the receiver
/// checkpoints, and an Orleans token (a counter per receiver) for the cache and the consumers.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.KinesisBatchContainer")]
public sealed class KinesisBatchContainer : IBatchContainer
{
    /// <summary>Creates a container for events about to be written.</summary>
    public KinesisBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    /// <inheritdoc/>
    [Id(0)]
    public StreamId StreamId { get; private set; }

    /// <summary>Gets the events, in the order they were produced.</summary>
    [Id(1)]
    public List<object> Events { get; private set; }

    /// <summary>Gets the producer's request context, if it had one.</summary>
    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; private set; }

    /// <summary>Gets the Orleans token given when the record was read (none before).</summary>
    [Id(3)]
    public EventSequenceTokenV2? Token { get; internal set; }

    /// <summary>Gets the Kinesis sequence number of the record it was read from (none before).</summary>
    [Id(4)]
    public string? KinesisSequenceNumber { get; internal set; }

    /// <inheritdoc/>
    public StreamSequenceToken SequenceToken => Token ?? throw new InvalidOperationException("The batch has not been read from Kinesis yet.");

    /// <inheritdoc/>
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.Select((e, i) => (Event: e, Index: i)).Where(x => x.Event is T)
            .Select(x => Tuple.Create((T)x.Event, (StreamSequenceToken)Token!.CreateSequenceTokenForEvent(x.Index)));

    /// <inheritdoc/>
    public bool ImportRequestContext()
    {
        if (RequestContext is null) return false;
        RequestContextExtensions.Import(RequestContext);
        return true;
    }
}
