using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Events;

/// <summary>
/// A session's durable event log that forgets nothing: events are numbered, persisted, then published on the
/// session's stream. Each write appends one segment with just its events (<see cref="EventSegment"/>); a page
/// that fills is written once more as a whole (<see cref="EventPage"/>), so replays read a record per page.
/// </summary>
/// <remarks>
/// Reentrant on purpose: appends from the session's workflows that arrive while a page is being written are
/// gathered into the next write (<see cref="GroupCommit"/>), and reads never wait behind writes. State changes
/// happen only between awaits. A failed write drops the activation, so the next one reloads what is stored.
/// Sessions that ended are deleted after <see cref="SessionOptions.EventRetention"/>.
/// </remarks>
[Reentrant]
public sealed partial class SessionEventLogGrain : Grain, ISessionEventLogGrain, ISessionEventSink, IRemindable
{
    internal const string PageKind = "tdeveloper.events";
    internal const string SegmentKind = "tdeveloper.events.segment";
    private const string RetentionReminder = "retention";
    private const int MaxUnpublished = 10_000;
    private const int PublishBatch = 64;
    private readonly RecordStore _records;
    private readonly Journal _segments;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionEventLogGrain> _logger;
    private readonly GroupCommit _commit;
    private List<SourcedEvent> _buffer = [];
    private readonly List<SessionEvent> _unpublished = [];
    private EventLogHead _head = new();
    private bool _broken;
    private bool _publishing;

    /// <summary>Creates the grain over the record store: full pages are records, each page's segments a journal.</summary>
    public SessionEventLogGrain(RecordStore records, Journal segments, IOptions<SessionOptions> options, TimeProvider time, ILogger<SessionEventLogGrain> logger)
    {
        _records = records;
        _segments = segments;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _commit = new GroupCommit(FlushAsync, _options.EventWriteDelay);
    }

    private string SessionKey => this.GetPrimaryKeyString();

    private int PageSize => _options.EventsPerPage;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var last = await FindLastFullPageAsync();
        _head = last is { } found ? SessionEventLog.After(found.Page, found.Number, PageSize) : new EventLogHead();
        while (true)
        {
            var open = _head.OpenPage(PageSize);
            foreach (var segment in await _segments.ReadAsync<EventSegment>(SegmentKind, PageKey(open))) SessionEventLog.Replay(_head, segment);
            if (_head.OpenPageEvents.Count < PageSize) return;

            // The process stopped between a page's last segment and the page itself: write the page now.
            await _records.WriteAsync(PageKind, PageKey(open), SessionEventLog.ClosePage(_head), etag: null);
        }
    }

    /// <inheritdoc/>
    public Task AppendAsync(string source, long firstSourceSequence, ImmutableArray<SessionEvent> events)
    {
        ThrowIfBroken();
        if (events.IsDefaultOrEmpty) return Task.CompletedTask;
        _buffer.AddRange(events.Select((e, i) => new SourcedEvent(source, firstSourceSequence + i, e)));
        return _commit.CommitAsync();
    }

    /// <inheritdoc/>
    public async Task<SessionEventPage> ReadAsync(long afterSequence, int max)
    {
        var events = ImmutableArray.CreateBuilder<SessionEvent>();
        var head = _head;
        var last = head.LastSequence;
        var next = Math.Max(afterSequence, 0) + 1;
        while (events.Count < max && next <= last)
        {
            var number = SessionEventLog.PageOf(next, PageSize);
            var pageEvents = number == head.OpenPage(PageSize) ? head.OpenPageEvents : (await _records.ReadAsync<EventPage>(PageKind, PageKey(number))).Value?.Events;
            if (pageEvents is null) break; // deleted by retention while this activation lived
            events.AddRange(pageEvents.Where(e => e.Sequence >= next && e.Sequence <= last).Take(max - events.Count));
            next = (number + 1) * PageSize + 1;
        }

        return new SessionEventPage { Events = events.ToImmutable(), LastSequence = last };
    }

    /// <inheritdoc/>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_head.SessionEndedAt is not { } ended || _time.GetUtcNow() < ended + _options.EventRetention) return;
        _broken = true; // nothing may be appended while the log is deleted
        for (var number = _head.OpenPage(PageSize); number >= 0; number--)
        {
            await _records.DeleteIfExistsAsync(PageKind, PageKey(number));
            await _segments.DeleteAsync(SegmentKind, PageKey(number));
        }

        LogDeleted(SessionKey, _head.LastSequence);
        if (await this.GetReminder(RetentionReminder) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    private async Task FlushAsync()
    {
        ThrowIfBroken();
        var batch = _buffer;
        _buffer = [];
        var wasEnded = _head.SessionEndedAt is not null;
        var (writes, head, logged) = SessionEventLog.Append(_head, batch, PageSize, _time.GetUtcNow());
        try
        {
            foreach (var write in writes)
            {
                if (write.Segment is { } segment) await _segments.AppendAsync(SegmentKind, PageKey(write.Page), segment + 1, (EventSegment)write.Record);
                else await _records.WriteAsync(PageKind, PageKey(write.Page), (EventPage)write.Record, etag: null);
            }
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, SessionKey);
            _broken = true;
            DeactivateOnIdle();
            throw;
        }

        _head = head;
        _unpublished.AddRange(logged);
        if (_unpublished.Count > MaxUnpublished) _unpublished.RemoveRange(0, _unpublished.Count - MaxUnpublished); // watchers fill gaps from the log
        _ = PublishAsync();
        if (!wasEnded && _head.SessionEndedAt is { } ended)
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, _options.EventRetention, _options.EventRetention);
            LogRetentionScheduled(SessionKey, ended + _options.EventRetention);
        }
    }

    /// <summary>Publishes persisted events in order; a failed publish is retried, so a live watcher is late rather than missing one.</summary>
    private async Task PublishAsync()
    {
        if (_publishing) return;
        _publishing = true;
        try
        {
            var stream = this.GetStreamProvider(SessionEventStream.ProviderName).GetStream<SessionEvent>(SessionEventStream.For(SessionKey));
            while (_unpublished.Count > 0)
            {
                // One enqueue per batch; watchers still receive the events one by one, in order.
                var batch = _unpublished.Take(PublishBatch).ToList();
                if (batch.Count == 1) await stream.OnNextAsync(batch[0]);
                else await stream.OnNextBatchAsync(batch);
                _unpublished.RemoveRange(0, batch.Count);
            }
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, SessionKey, _unpublished[0].Sequence);
            this.RegisterGrainTimer(_ => PublishAsync(), new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        }
        finally
        {
            _publishing = false;
        }
    }

    /// <summary>Finds the last full page without an index: pages are numbered densely from 0.</summary>
    private Task<(long Number, EventPage Page)?> FindLastFullPageAsync() =>
        DensePages.FindLastAsync(0, async number => (await _records.ReadAsync<EventPage>(PageKind, PageKey(number))).Value);

    private void ThrowIfBroken()
    {
        if (_broken) throw new InvalidOperationException($"The event log of '{SessionKey}' is reloading after a failed write, or was deleted; retry.");
    }

    private string PageKey(long number) => $"{SessionKey}#{number}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event log of {SessionKey} could not write a page; senders will retry")]
    private partial void LogWriteFailed(Exception exception, string sessionKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event log of {SessionKey} could not publish event {Sequence}; retrying")]
    private partial void LogPublishFailed(Exception exception, string sessionKey, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event log of {SessionKey} will be deleted at {DeleteAt}")]
    private partial void LogRetentionScheduled(string sessionKey, DateTimeOffset deleteAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event log of {SessionKey} deleted ({Events} events) after its retention period")]
    private partial void LogDeleted(string sessionKey, long events);
}
