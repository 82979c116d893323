using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace TDeveloper.Aws.Streams.Kinesis;

/// <summary>
/// Orleans' <see cref="SimpleQueueCache"/> that keeps each batch at least <c>retention</c> before purging it (unless the cache
/// is under pressure). The simple cache purges a batch as soon as no cursor points at it, so a consumer whose subscription
/// completes a moment after its first batch was read (an external client behind a gateway) asks for a batch already gone
/// and gets <see cref="QueueCacheMissException"/> for good; Orleans' pooled caches avoid this with a minimum time in cache too.
/// </summary>
public sealed class RetainingQueueCache(int cacheSize, TimeSpan retention, TimeProvider time, ILogger logger) : SimpleQueueCache(cacheSize, logger)
{
    private readonly Queue<DateTimeOffset> _added = new();

    /// <inheritdoc/>
    public override void AddToCache(IList<IBatchContainer> msgs)
    {
        base.AddToCache(msgs);
        var now = time.GetUtcNow();
        for (var i = 0; i < msgs.Count; i++) _added.Enqueue(now);
    }

    /// <inheritdoc/>
    public override bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        // The oldest batch is the first one added that is still cached: younger than the retention, keep everything.
        if (!IsUnderPressure() && _added.TryPeek(out var oldest) && time.GetUtcNow() - oldest < retention)
        {
            purgedItems = [];
            return false;
        }

        var purged = base.TryPurgeFromCache(out var items);
        while (_added.Count > Size) _added.Dequeue();
        purgedItems = items ?? [];
        return purged;
    }
}

/// <summary>Creates a <see cref="RetainingQueueCache"/> per queue.</summary>
public sealed class RetainingQueueAdapterCache(int cacheSize, TimeSpan retention, TimeProvider time, string providerName, ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    /// <inheritdoc/>
    public IQueueCache CreateQueueCache(QueueId queueId) =>
        new RetainingQueueCache(cacheSize, retention, time, loggerFactory.CreateLogger($"{typeof(RetainingQueueCache).FullName}.{providerName}.{queueId}"));
}
