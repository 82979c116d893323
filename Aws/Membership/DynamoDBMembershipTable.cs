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
/// The table version and every silo row live in one item, replaced as a whole by a write conditioned on the item's
/// revision, so a row and the version change together or not at all, without transactions. I-am-alive times go to a
/// small item per silo, so the frequent <see cref="UpdateIAmAliveAsync"/> never contends with membership changes;
/// reads merge the newer time in.
/// </remarks>
public sealed class DynamoDBMembershipTable : IMembershipTable, IDisposable
{
    private const int MaxWriteAttempts = 10;
    private static readonly IReadOnlyDictionary<string, DateTime> NoAliveTimes = new Dictionary<string, DateTime>();

    private readonly MembershipStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the table of the configured cluster; nothing is read or written until <see cref="InitializeMembershipTableAsync"/>.</summary>
    /// <param name="options">Where the table is.</param>
    /// <param name="clusterOptions">The service and cluster whose membership this is.</param>
    /// <param name="logger">The logger.</param>
    public DynamoDBMembershipTable(IOptions<DynamoDBClusteringOptions> options, IOptions<ClusterOptions> clusterOptions, ILogger<DynamoDBMembershipTable> logger)
    {
        _store = new MembershipStore(options.Value, clusterOptions.Value);
        _logger = logger;
    }

    /// <summary>Ensures the table exists, and when <paramref name="tryInitTableVersion"/> is set, creates the cluster's item at version 0 unless it exists.</summary>
    /// <param name="tryInitTableVersion">Whether to create the cluster's membership item.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">The table is missing and may not be created, or DynamoDB refused the credentials.</exception>
    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        _logger.UsingTable(_store.TableName, _store.PartitionKey);
        await _store.EnsureTableAsync(cancellationToken);
        if (tryInitTableVersion && await _store.TryWriteAsync(MembershipDocument.Initial(), expectedRevision: 0, cancellationToken))
        {
            _logger.CreatedMembershipItem(_store.PartitionKey);
        }
    }

    /// <summary>Reads every silo's row and the table version, which one item holds together.</summary>
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

    /// <summary>Adds a silo's row and moves the table to <paramref name="tableVersion"/>, in one write.</summary>
    /// <param name="entry">The new row.</param>
    /// <param name="tableVersion">The new version, carrying the etag of the version it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the silo already has a row or the version etag is stale.</returns>
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        ChangeRowAsync("InsertRow", entry, tableVersion, document => document.TryInsert(entry, tableVersion), cancellationToken);

    /// <summary>Replaces a silo's row and moves the table to <paramref name="tableVersion"/>, in one write.</summary>
    /// <param name="entry">The new content of the row.</param>
    /// <param name="etag">The etag of the row as it was read; I-am-alive writes leave it as it is.</param>
    /// <param name="tableVersion">The new version, carrying the etag of the version it was read at.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the row is missing, or its etag or the version etag is stale.</returns>
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        ChangeRowAsync("UpdateRow", entry, tableVersion, document => document.TryUpdate(entry, etag, tableVersion), cancellationToken);

    /// <summary>Records the silo's I-am-alive time in its own item; the version and the etags stay as they are.</summary>
    /// <param name="entry">The silo and its <see cref="MembershipEntry.IAmAliveTime"/>; other fields are ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) =>
        _store.WriteAliveAsync(entry.SiloAddress.ToParsableString(), entry.IAmAliveTime, cancellationToken);

    /// <summary>Deletes every item of cluster <paramref name="clusterId"/> of the configured service.</summary>
    /// <param name="clusterId">The cluster.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        var count = await _store.DeleteClusterAsync(clusterId, cancellationToken);
        _logger.DeletedCluster(count, clusterId);
    }

    /// <summary>
    /// Removes the rows (and I-am-alive items) of Dead silos whose last sign of life — start, I-am-alive, or the latest
    /// vote declaring them dead — is before <paramref name="beforeDate"/>, keeping the table version. I-am-alive
    /// items older than that with no row are removed too.
    /// </summary>
    /// <param name="beforeDate">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var (removed, snapshot) = await ChangeAsync(
            _store.ReadSnapshotAsync,
            read => read.DefunctSilos(beforeDate) is { Count: > 0 } defunct ? read.Document.Without(defunct) : null,
            cancellationToken);
        var defunctSilos = removed ? snapshot.DefunctSilos(beforeDate) : new HashSet<string>();
        await _store.DeleteAliveAsync(defunctSilos.Concat(snapshot.OrphanAliveSilos(beforeDate)), cancellationToken);
        if (removed) _logger.RemovedDefunctSilos(defunctSilos.Count, beforeDate, _store.PartitionKey);
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

    private async Task<bool> ChangeRowAsync(string operation, MembershipEntry entry, TableVersion tableVersion, Func<MembershipDocument, MembershipDocument?> change, CancellationToken cancellationToken)
    {
        var (written, snapshot) = await ChangeAsync(ReadDocumentAsync, read => change(read.Document), cancellationToken);
        if (!written) _logger.ChangeRefused(operation, entry.SiloAddress, tableVersion, snapshot.Document.TableVersion);
        return written;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to what <paramref name="read"/> returns and writes the result on condition that
    /// the item is unchanged since; if another write came first, reads and applies again (the change then usually refuses).
    /// </summary>
    /// <returns>Whether a change was written, and the read it was computed from.</returns>
    private async Task<(bool Written, MembershipSnapshot Read)> ChangeAsync(
        Func<CancellationToken, Task<MembershipSnapshot>> read,
        Func<MembershipSnapshot, MembershipDocument?> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await read(cancellationToken);
            if (change(current) is not { } next) return (false, current);
            if (await _store.TryWriteAsync(next, current.Document.Revision, cancellationToken)) return (true, current);
            if (attempt == MaxWriteAttempts)
            {
                throw new InvalidOperationException($"The membership item of '{_store.PartitionKey}' in table '{_store.TableName}' changed under each of {MaxWriteAttempts} write attempts.");
            }

            _logger.WriteConflict(_store.PartitionKey, attempt);
        }
    }

    private async Task<MembershipSnapshot> ReadDocumentAsync(CancellationToken cancellationToken) =>
        new(await _store.ReadDocumentAsync(cancellationToken), NoAliveTimes);
}
