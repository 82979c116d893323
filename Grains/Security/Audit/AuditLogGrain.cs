using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Audit;
using TDeveloper.Grains.Persistence;

namespace TDeveloper.Grains.Security.Audit;

/// <summary>
/// A tenant's audit log, keyed by tenant. Each write appends one segment with just its entries
/// (<see cref="AuditSegment"/>); a page that fills is written once more whole (<see cref="AuditPage"/>), the layout of
/// the session event log. Pages are numbered densely from the first kept, so the end is found without an index
/// (<see cref="DensePages"/>); the small grain state only says where the log begins.
/// </summary>
/// <remarks>
/// Reentrant: appends that arrive while a write is in flight are gathered into the next one (<see cref="GroupCommit"/>),
/// and reads never wait behind writes. State changes happen only between awaits. A failed write drops the activation,
/// so the next one reloads what is stored. Retention is applied on activation and by each write, before its appends return
/// (no reminder): the full pages that filled longer than <see cref="AuditLogOptions.Retention"/> ago are deleted, oldest
/// first. It costs one comparison unless the oldest page kept has expired; a failure to delete is logged and retried later.
/// </remarks>
[Reentrant]
public sealed partial class AuditLogGrain : DurableGrain, IAuditLogGrain
{
    internal const string PageKind = "tdeveloper.audit";
    internal const string SegmentKind = "tdeveloper.audit.segment";
    private readonly IPersistentState<AuditLogState> _state;
    private readonly RecordStore _records;
    private readonly Journal _segments;
    private readonly AuditLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLogGrain> _logger;
    private readonly GroupCommit _commit;
    private List<AuditEvent> _buffer = [];
    private AuditLogHead _head = new();
    private DateTimeOffset? _oldestClosedAt;
    private bool _broken;
    private bool _pruning;

    /// <summary>Creates the grain over its state (where the log begins) and the record store (its pages).</summary>
    public AuditLogGrain(
        [PersistentState("audit", StorageNames.State)] IPersistentState<AuditLogState> state,
        RecordStore records,
        Journal segments,
        IOptions<AuditLogOptions> options,
        TimeProvider time,
        ILogger<AuditLogGrain> logger)
    {
        _state = state;
        _records = records;
        _segments = segments;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _commit = new GroupCommit(FlushAsync, _options.WriteDelay);
    }

    private string Tenant => this.GetPrimaryKeyString();

    private int PageSize => _options.EventsPerPage;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var first = _state.State.FirstPage;
        var last = await DensePages.FindLastAsync(first, ReadPageAsync);
        _head = AuditLogPages.Start(first, last?.Number, PageSize);
        while (true)
        {
            var open = _head.OpenPage(PageSize);
            foreach (var segment in await _segments.ReadAsync<AuditSegment>(SegmentKind, PageKey(open))) AuditLogPages.Replay(_head, segment);
            if (_head.OpenPageEntries.Count < PageSize) break;

            // The process stopped between a page's last segment and the page itself: write the page now.
            await _records.WriteAsync(PageKind, PageKey(open), AuditLogPages.ClosePage(_head, _time.GetUtcNow()), etag: null);
        }

        _oldestClosedAt = first < _head.OpenPage(PageSize) ? (await ReadPageAsync(first))?.ClosedAt : null;
        await PruneAsync();
    }

    /// <inheritdoc/>
    public Task AppendAsync(ImmutableArray<AuditEvent> events)
    {
        ThrowIfBroken();
        if (events.IsDefaultOrEmpty) return Task.CompletedTask;
        _buffer.AddRange(events);
        return _commit.CommitAsync();
    }

    /// <inheritdoc/>
    public Task<AuditLogSlice> ReadAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var head = _head;
        var open = head.OpenPage(PageSize);
        return AuditLogPages.ReadAsync(query, _state.State.FirstPage, head.LastSequence, PageSize, _options.MaxPagesPerRead, async number =>
            number == open ? head.OpenPageEntries : (await ReadPageAsync(number))?.Entries);
    }

    private async Task FlushAsync()
    {
        ThrowIfBroken();
        var batch = _buffer;
        _buffer = [];
        var (writes, head, logged) = AuditLogPages.Append(_head, batch, PageSize, _time.GetUtcNow());
        try
        {
            foreach (var write in writes)
            {
                if (write.Segment is { } segment) await _segments.AppendAsync(SegmentKind, PageKey(write.Page), segment + 1, (AuditSegment)write.Record);
                else await _records.WriteAsync(PageKind, PageKey(write.Page), (AuditPage)write.Record, etag: null);
            }
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, Tenant, batch.Count);
            _broken = true;
            DeactivateOnIdle();
            throw;
        }

        _head = head;
        foreach (var write in writes)
        {
            if (write is { Segment: null, Record: AuditPage closed } && write.Page == _state.State.FirstPage) _oldestClosedAt ??= closed.ClosedAt;
        }

        LogAppended(Tenant, logged.Length, _head.LastSequence);
        await PruneAsync();
    }

    /// <summary>Deletes, oldest first, the full pages retention has passed: the new start is written first, then the pages go.</summary>
    private async Task PruneAsync()
    {
        if (_pruning || _broken || _oldestClosedAt is not { } oldest || !AuditLogPages.IsExpired(oldest, _time.GetUtcNow(), _options.Retention)) return;
        _pruning = true;
        try
        {
            var now = _time.GetUtcNow();
            var first = _state.State.FirstPage;
            var keep = first + 1;
            DateTimeOffset? keptClosedAt = null;
            for (; keep < _head.OpenPage(PageSize); keep++)
            {
                var page = await ReadPageAsync(keep);
                if (page is null) break;
                if (!AuditLogPages.IsExpired(page.ClosedAt, now, _options.Retention))
                {
                    keptClosedAt = page.ClosedAt;
                    break;
                }
            }

            _state.State.FirstPage = keep;
            await WriteOrReloadAsync(_state);
            _oldestClosedAt = keptClosedAt;
            for (var number = _state.State.SweptBelow; number < keep; number++)
            {
                await _records.DeleteIfExistsAsync(PageKind, PageKey(number));
                await _segments.DeleteAsync(SegmentKind, PageKey(number));
            }

            _state.State.SweptBelow = keep;
            await WriteOrReloadAsync(_state);
            LogPruned(Tenant, keep - first, keep * PageSize);
        }
        catch (Exception ex)
        {
            LogPruneFailed(ex, Tenant);
        }
        finally
        {
            _pruning = false;
        }
    }

    private async Task<AuditPage?> ReadPageAsync(long number) => (await _records.ReadAsync<AuditPage>(PageKind, PageKey(number))).Value;

    private void ThrowIfBroken()
    {
        if (_broken) throw new InvalidOperationException($"The audit log of '{Tenant}' is reloading after a failed write; retry.");
    }

    private string PageKey(long number) => $"{Tenant}#{number}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit log of {Tenant} could not write {Events} events; the activation reloads")]
    private partial void LogWriteFailed(Exception exception, string tenant, int events);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit log of {Tenant} appended {Events} events, now at {LastSequence}")]
    private partial void LogAppended(string tenant, int events, long lastSequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log of {Tenant} deleted {Pages} pages past retention; entries up to {Through} are gone")]
    private partial void LogPruned(string tenant, long pages, long through);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit log of {Tenant} could not apply retention; it retries after the next append")]
    private partial void LogPruneFailed(Exception exception, string tenant);
}
