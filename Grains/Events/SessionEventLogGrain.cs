using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Events;

/// <summary>
/// A session's durable event log, kept in pages (<see cref="EventPage"/>) so that it forgets nothing and an
/// append costs at most one page: events are numbered, persisted, then published on the session's stream.
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
    private const string RetentionReminder = "retention";
    private const int MaxUnpublished = 10_000;
    private const int PublishBatch = 64;
    private readonly RecordStore _records;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionEventLogGrain> _logger;
    private readonly GroupCommit _commit;
    private List<SourcedEvent> _buffer = [];
    private readonly List<SessionEvent> _unpublished = [];
    private long _lastSequence;
    private long _lastPageNumber = -1;
    private EventPage _lastPage = new();
    private string? _lastPageETag;
    private bool _broken;
    private bool _publishing;

    /// <summary>Creates the grain over the record store.</summary>
    public SessionEventLogGrain(RecordStore records, IOptions<SessionOptions> options, TimeProvider time, ILogger<SessionEventLogGrain> logger)
    {
        _records = records;
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
        var last = await FindLastPageAsync();
        if (last is not { } found) return;
        (_lastPageNumber, _lastPage, _lastPageETag) = found;
        _lastSequence = _lastPageNumber * PageSize + _lastPage.Events.Count;
    }

    /// <inheritdoc/>
    public Task AppendAsync(string source, long firstSourceSequence, ImmutableArray<SessionEvent> events)
    {
        if (_broken) throw new InvalidOperationException($"The event log of '{SessionKey}' is reloading after a failed write; retry.");
        if (events.IsDefaultOrEmpty) return Task.CompletedTask;
        _buffer.AddRange(events.Select((e, i) => new SourcedEvent(source, firstSourceSequence + i, e)));
        return _commit.CommitAsync();
    }

    /// <inheritdoc/>
    public async Task<SessionEventPage> ReadAsync(long afterSequence, int max)
    {
        var events = ImmutableArray.CreateBuilder<SessionEvent>();
        var last = _lastSequence;
        var next = Math.Max(afterSequence, 0) + 1;
        while (events.Count < max && next <= last)
        {
            var number = SessionEventLog.PageOf(next, PageSize);
            var page = number == _lastPageNumber ? _lastPage : (await _records.ReadAsync<EventPage>(PageKind, PageKey(number))).Value;
            if (page is null) break; // deleted by retention while this activation lived
            events.AddRange(page.Events.Where(e => e.Sequence >= next && e.Sequence <= last).Take(max - events.Count));
            next = (number + 1) * PageSize + 1;
        }

        return new SessionEventPage { Events = events.ToImmutable(), LastSequence = last };
    }

    /// <inheritdoc/>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_lastPage.SessionEndedAt is not { } ended || _time.GetUtcNow() < ended + _options.EventRetention) return;
        for (var number = _lastPageNumber; number >= 0; number--)
        {
            var (page, etag) = number == _lastPageNumber ? (_lastPage, _lastPageETag) : await _records.ReadAsync<EventPage>(PageKind, PageKey(number));
            if (page is not null) await _records.DeleteAsync(PageKind, PageKey(number), etag);
        }

        LogDeleted(SessionKey, _lastSequence);
        if (await this.GetReminder(RetentionReminder) is { } reminder) await this.UnregisterReminder(reminder);
        _broken = true;
        DeactivateOnIdle();
    }

    private async Task FlushAsync()
    {
        if (_broken) throw new InvalidOperationException($"The event log of '{SessionKey}' is reloading after a failed write; retry.");
        var batch = _buffer;
        _buffer = [];
        var (pages, logged) = SessionEventLog.Append(_lastSequence, _lastPageNumber, _lastPage, batch, PageSize, _time.GetUtcNow());
        var wasEnded = _lastPage.SessionEndedAt is not null;
        try
        {
            foreach (var (number, page) in pages)
            {
                var etag = await _records.WriteAsync(PageKind, PageKey(number), page, number == _lastPageNumber ? _lastPageETag : null);
                (_lastPageNumber, _lastPage, _lastPageETag) = (number, page, etag);
            }
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, SessionKey);
            _broken = true;
            DeactivateOnIdle();
            throw;
        }

        _lastSequence += logged.Length;
        _unpublished.AddRange(logged);
        if (_unpublished.Count > MaxUnpublished) _unpublished.RemoveRange(0, _unpublished.Count - MaxUnpublished); // watchers fill gaps from the log
        _ = PublishAsync();
        if (!wasEnded && _lastPage.SessionEndedAt is { } ended)
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

    /// <summary>Finds the last page without an index: pages are numbered densely, so probe 0, 1, 3, 7, … then bisect.</summary>
    private async Task<(long Number, EventPage Page, string? ETag)?> FindLastPageAsync()
    {
        var (page, etag) = await _records.ReadAsync<EventPage>(PageKind, PageKey(0));
        if (page is null) return null;
        (long Number, EventPage Page, string? ETag) found = (0, page, etag);
        var missing = -1L;
        for (var step = 1L; missing < 0; step *= 2)
        {
            var probe = found.Number + step;
            var (probed, probedETag) = await _records.ReadAsync<EventPage>(PageKind, PageKey(probe));
            if (probed is null) missing = probe;
            else found = (probe, probed, probedETag);
        }

        while (missing - found.Number > 1)
        {
            var middle = found.Number + (missing - found.Number) / 2;
            var (probed, probedETag) = await _records.ReadAsync<EventPage>(PageKind, PageKey(middle));
            if (probed is null) missing = middle;
            else found = (middle, probed, probedETag);
        }

        return found;
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
