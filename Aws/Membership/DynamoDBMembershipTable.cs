using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace TDeveloper.Aws.Membership;

/// <summary>
/// Orleans' membership table in DynamoDB, for one cluster (<see cref="ClusterOptions.ServiceId"/> and
/// <see cref="ClusterOptions.ClusterId"/>) of a table that many may share.
/// </summary>
/// <remarks>
/// <para>
/// Each silo's row has an item of its own, and a version item holds the table version: the commit point. A change
/// (<see cref="InsertRowAsync"/>, <see cref="UpdateRowAsync"/>) checks the row, then commits by one conditional
/// update of the version item that moves the version and etag <em>and</em> records the new row as pending; only then
/// is the row copied to its item and the pending mark cleared. While a row is pending no other change can commit,
/// and readers lay it over its item, so a writer that stops after the commit leaves a change that is already
/// visible and that the next writer finishes; a writer that stops before it has written nothing. Without
/// transactions, this keeps Orleans' contract: a change and the version move together or not at all.
/// </para>
/// <para>
/// Reads take the version item, then query the rows; a row written at a later version means a change landed
/// mid-read, and the read starts again. I-am-alive writes update one attribute of the silo's row item and never
/// touch the version. Cleanups delete defunct rows one by one, conditioned on the row being unchanged, and keep
/// the version (as Orleans' own providers do).
/// </para>
/// </remarks>
public sealed class DynamoDBMembershipTable : IMembershipTable, IDisposable
{
    private const int MaxConcurrentDeletes = 25;

    private readonly MembershipStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the table of the configured cluster; nothing is read or written until <see cref="InitializeMembershipTableAsync"/>.</summary>
    /// <param name="options">Where the table is.</param>
    /// <param name="clusterOptions">The service and cluster whose membership this is.</param>
    /// <param name="logger">The logger.</param>
    public DynamoDBMembershipTable(IOptions<DynamoDBClusteringOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<DynamoDBMembershipTable> logger)
        : this(new MembershipStore(options.Value, clusterOptions.Value), logger)
    {
    }

    /// <summary>Creates the table over <paramref name="store"/>, which it then owns.</summary>
    internal DynamoDBMembershipTable(MembershipStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>
    /// Ensures the table exists; imports the cluster's rows from the old single-item layout if the cluster has no
    /// version item yet; and when <paramref name="tryInitTableVersion"/> is set, creates the version item at version 0 unless it exists.
    /// </summary>
    /// <param name="tryInitTableVersion">Whether to create the cluster's version item.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">The table is missing and may not be created, or DynamoDB refused the credentials.</exception>
    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        _logger.UsingTable(_store.TableName, _store.PartitionKey);
        await _store.EnsureTableAsync(cancellationToken);
        if (await _store.ReadVersionAsync(cancellationToken) is null && await _store.ReadLegacyAsync(cancellationToken) is var (version, rows))
        {
            // The rows are invisible until the version item exists, so a silo that stops mid-import leaves nothing half done.
            await _store.WriteRowsAsync(rows, version.Version, cancellationToken);
            if (await _store.TryCreateVersionAsync(version, cancellationToken)) _logger.ImportedLegacyItem(rows.Count, _store.PartitionKey, version.TableVersion);
        }

        if (tryInitTableVersion && await _store.TryCreateVersionAsync(VersionRecord.Initial(), cancellationToken))
        {
            _logger.CreatedMembershipItem(_store.PartitionKey);
        }
    }

    /// <summary>Reads every silo's row and the table version, consistently: every change the version counts, and none it does not.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rows, with their newest I-am-alive times, and the version.</returns>
    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        (await _store.ReadSnapshotAsync(cancellationToken)).ToTableData();

    /// <summary>Reads one silo's row (none if it has no row) and the table version.</summary>
    /// <param name="key">The silo.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The row, with its newest I-am-alive time, and the version.</returns>
    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        var silo = key.ToParsableString();
        return (await _store.ReadSnapshotAsync(silo, cancellationToken)).ToTableData(silo);
    }

    /// <summary>Adds a silo's row and moves the table to <paramref name="tableVersion"/>, atomically in effect.</summary>
    /// <param name="entry">The new row.</param>
    /// <param name="tableVersion">The new version, carrying the etag of the version it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the silo already has a row or the version etag is stale.</returns>
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        ChangeRowAsync("InsertRow", entry, rowETag: null, tableVersion, cancellationToken);

    /// <summary>Replaces a silo's row and moves the table to <paramref name="tableVersion"/>, atomically in effect.</summary>
    /// <param name="entry">The new content of the row.</param>
    /// <param name="etag">The etag of the row as it was read; I-am-alive writes leave it as it is.</param>
    /// <param name="tableVersion">The new version, carrying the etag of the version it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the row is missing, or its etag or the version etag is stale.</returns>
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        ChangeRowAsync("UpdateRow", entry, etag, tableVersion, cancellationToken);

    /// <summary>Records the silo's I-am-alive time on its row item with one write; the version and the etags stay as they are.</summary>
    /// <param name="entry">The silo and its <see cref="MembershipEntry.IAmAliveTime"/>; other fields are ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        var silo = entry.SiloAddress.ToParsableString();
        if (await _store.TryWriteAliveAsync(silo, entry.IAmAliveTime, cancellationToken)) return;

        // No row item: either the silo's insert is committed but not copied yet (finish it and write again), or it has no row.
        if (await _store.ReadVersionAsync(cancellationToken) is { Pending.Silo: var pendingSilo } version && pendingSilo == silo)
        {
            await FinishAsync(version, cancellationToken);
            if (await _store.TryWriteAliveAsync(silo, entry.IAmAliveTime, cancellationToken)) return;
        }

        _logger.AliveWithoutRow(entry.SiloAddress);
    }

    /// <summary>Deletes every item of cluster <paramref name="clusterId"/> of the configured service.</summary>
    /// <param name="clusterId">The cluster.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        var count = await _store.DeleteClusterAsync(clusterId, cancellationToken);
        _logger.DeletedCluster(count, clusterId);
    }

    /// <summary>
    /// Removes the rows of silos that are not Active and whose I-am-alive time (the later of the row's and the last
    /// separate write) is before <paramref name="beforeDate"/>, as Orleans' own providers do; the version stays. A
    /// row that changed since it was read stays, for the next clean-up to judge.
    /// </summary>
    /// <param name="beforeDate">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var defunct = (await _store.ReadSnapshotAsync(cancellationToken)).DefunctRows(beforeDate);
        var removed = 0;
        foreach (var batch in defunct.Chunk(MaxConcurrentDeletes))
        {
            removed += (await Task.WhenAll(batch.Select(row => _store.TryDeleteRowAsync(row, cancellationToken)))).Count(deleted => deleted);
        }

        if (removed > 0) _logger.RemovedDefunctSilos(removed, beforeDate, _store.PartitionKey);
    }

    /// <summary>Releases the DynamoDB client.</summary>
    public void Dispose() => _store.Dispose();

    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync();

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate);

    /// <summary>
    /// Checks the version etag and the row (absent for an insert, at <paramref name="rowETag"/> for an update) against
    /// the committed state, commits the new row with the new version, then copies it to its row item.
    /// </summary>
    private async Task<bool> ChangeRowAsync(string operation, MembershipEntry entry, string? rowETag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        var silo = entry.SiloAddress.ToParsableString();
        var current = await _store.ReadVersionAsync(cancellationToken) ?? VersionRecord.Missing;
        if (current.ETag != tableVersion.VersionEtag) return Refused(operation, entry, tableVersion, current);

        // Finish the previous change first: the row items then hold the state this version names, and the commit below needs nothing pending.
        if (current.Pending is not null) await FinishAsync(current, cancellationToken);
        var row = await _store.ReadRowAsync(silo, cancellationToken);
        if (rowETag is null ? row is not null : row?.Row.ETag != rowETag) return Refused(operation, entry, tableVersion, current);

        var next = new VersionRecord(tableVersion.Version, VersionRecord.NewETag(), SiloRow.From(entry));
        if (!await _store.TryCommitAsync(current.ETag, next, cancellationToken))
        {
            // A commit whose response was lost and retried by the SDK fails its own condition; its etag tells it apart.
            var after = await _store.ReadVersionAsync(cancellationToken);
            if (after?.ETag != next.ETag) return Refused(operation, entry, tableVersion, after ?? VersionRecord.Missing);
        }

        try
        {
            await FinishAsync(next, cancellationToken);
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or TimeoutException)
        {
            // The change is committed and readers already see it; the next writer finishes copying it.
            _logger.FinishDeferred(ex, entry.SiloAddress, next.TableVersion);
        }

        return true;
    }

    private async Task FinishAsync(VersionRecord version, CancellationToken cancellationToken)
    {
        await _store.ApplyPendingAsync(version, cancellationToken);
        await _store.ClearPendingAsync(version.ETag, cancellationToken);
    }

    private bool Refused(string operation, MembershipEntry entry, TableVersion requested, VersionRecord current)
    {
        _logger.ChangeRefused(operation, entry.SiloAddress, requested, current.TableVersion);
        return false;
    }
}
