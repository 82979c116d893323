using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Grains.Events;

/// <summary>
/// The sending side of a grain's outbox: events the grain has committed with its state are handed to the
/// session's event log in order, at least once, retried with back-off until the log acknowledges them.
/// The log drops what it already has by (source, sequence), so a watcher sees each event once.
/// </summary>
/// <param name="send">Appends events numbered from the given source sequence; throws when not acknowledged.</param>
/// <param name="afterDrained">Runs each time everything is delivered (e.g. a notification that must follow the events); throws to be retried.</param>
/// <param name="owner">The grain whose outbox this is: a retry is a one-shot timer on it, so it ends with the activation.</param>
/// <param name="logger">Where failed deliveries are logged.</param>
public sealed partial class EventDelivery(
    Func<long, ImmutableArray<SessionEvent>, Task> send,
    Func<Task> afterDrained,
    IGrainBase owner,
    ILogger logger)
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);
    private readonly List<SessionEvent> _pending = [];
    private TimeSpan _nextRetry = FirstRetry;
    private bool _running;

    /// <summary>Gets the source sequence of the last acknowledged event.</summary>
    public long DeliveredThrough { get; private set; }

    /// <summary>Gets the source sequence the next committed event takes.</summary>
    public long NextSequence => DeliveredThrough + _pending.Count + 1;

    /// <summary>Adds committed events, numbered from <see cref="NextSequence"/>.</summary>
    public void Add(IEnumerable<SessionEvent> committed) => _pending.AddRange(committed);

    /// <summary>Drops the events through <paramref name="sequence"/>, which the log has (a later sequence than known, or nothing).</summary>
    public void Acknowledge(long sequence)
    {
        if (sequence <= DeliveredThrough) return;
        _pending.RemoveRange(0, (int)Math.Min(sequence - DeliveredThrough, _pending.Count));
        DeliveredThrough = sequence;
    }

    /// <summary>Starts delivering in the background unless a delivery is already running.</summary>
    public void Run()
    {
        if (_running) return;
        _running = true;
        _ = DeliverAsync();
    }

    /// <summary>Sends every pending event now, in order; throws when the log does not acknowledge them.</summary>
    public async Task SendPendingAsync()
    {
        while (_pending.Count > 0)
        {
            var first = DeliveredThrough + 1;
            var batch = _pending.Take(MaxBatch).ToImmutableArray();
            await send(first, batch);
            Acknowledge(first + batch.Length - 1);
        }
    }

    private async Task DeliverAsync()
    {
        try
        {
            do
            {
                await SendPendingAsync();
                await afterDrained();
            }
            while (_pending.Count > 0); // events committed while the notification was awaited

            _nextRetry = FirstRetry;
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, ex, DeliveredThrough + 1, _nextRetry.TotalMilliseconds);
            owner.RegisterGrainTimer(() => { Run(); return Task.CompletedTask; }, new GrainTimerCreationOptions(_nextRetry, Timeout.InfiniteTimeSpan));
            _nextRetry = TimeSpan.FromTicks(Math.Min(_nextRetry.Ticks * 2, LongestRetry.Ticks));
        }
        finally
        {
            _running = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of events from {Sequence} was not acknowledged; retrying in {DelayMs} ms")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, long sequence, double delayMs);
}
