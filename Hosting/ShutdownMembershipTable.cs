using Microsoft.Extensions.Options;

namespace TDeveloper.Hosting;

/// <summary>
/// Wraps the silo's membership table so that an unreachable table cannot hold a stopping silo. While the silo runs, calls
/// pass through. Once the host is stopping, each call is bounded by <see cref="SiloShutdownOptions.MembershipTimeout"/>;
/// the first that fails or overruns marks the table unreachable, and from then on reads answer with the last table this
/// silo read and writes report success without reaching the table. Orleans then finishes its stop at once instead of
/// retrying its graceful leave for minutes (its retries do not heed the shutdown token); the table keeps this silo's last
/// row, and the other silos declare it dead by probing, as after a crash.
/// </summary>
internal sealed partial class ShutdownMembershipTable(IMembershipTable inner, IHostApplicationLifetime lifetime, IOptions<SiloShutdownOptions> options, ILogger<ShutdownMembershipTable> logger) : IMembershipTable
{
    private MembershipTableData? _lastRead;
    private volatile bool _unreachable;

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default) =>
        inner.InitializeMembershipTableAsync(tryInitTableVersion, cancellationToken);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        inner.DeleteMembershipTableEntriesAsync(clusterId, cancellationToken);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default) => Write(async ct =>
    {
        await inner.CleanupDefunctSiloEntriesAsync(beforeDate, ct);
        return true;
    }, cancellationToken);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default) =>
        Read(ct => inner.ReadRowAsync(key, ct), cancellationToken);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _lastRead = await Read(inner.ReadAllAsync, cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        Write(ct => inner.InsertRowAsync(entry, tableVersion, ct), cancellationToken);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        Write(ct => inner.UpdateRowAsync(entry, etag, tableVersion, ct), cancellationToken);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) => Write(async ct =>
    {
        await inner.UpdateIAmAliveAsync(entry, ct);
        return true;
    }, cancellationToken);

    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync();

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate);

    private async Task<MembershipTableData> Read(Func<CancellationToken, Task<MembershipTableData>> call, CancellationToken cancellationToken)
    {
        var (reached, data) = await CallAsync(call, cancellationToken);
        return reached ? data! : _lastRead ?? new MembershipTableData(new TableVersion(0, "0"));
    }

    private async Task<bool> Write(Func<CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
    {
        var (reached, done) = await CallAsync(call, cancellationToken);
        return !reached || done;
    }

    /// <summary>Runs <paramref name="call"/>; while stopping, bounded, and not at all once the table is found unreachable.</summary>
    private async Task<(bool Reached, T? Value)> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested) return (true, await call(cancellationToken));
        if (_unreachable) return (false, default);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.MembershipTimeout);
        try
        {
            return (true, await call(bounded.Token).WaitAsync(bounded.Token));
        }
        catch (Exception e)
        {
            _unreachable = true;
            LogUnreachable(e.GetType().Name, options.Value.MembershipTimeout);
            return (false, default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "membership table unreachable during shutdown; stopping without a graceful leave ({Error}, limit {Timeout} per call)")]
    private partial void LogUnreachable(string error, TimeSpan timeout);
}

/// <summary>Registers <see cref="ShutdownMembershipTable"/> around the membership table a clustering provider registered.</summary>
internal static class ShutdownMembershipTableExtensions
{
    public static IServiceCollection DecorateMembershipTableForShutdown(this IServiceCollection services)
    {
        var index = services.ToList().FindLastIndex(d => d.ServiceType == typeof(IMembershipTable) && !d.IsKeyedService);
        if (index < 0) return services;
        var original = services[index];
        services[index] = ServiceDescriptor.Singleton<IMembershipTable>(provider => ActivatorUtilities.CreateInstance<ShutdownMembershipTable>(provider, Inner(provider, original)));
        return services;
    }

    private static IMembershipTable Inner(IServiceProvider provider, ServiceDescriptor original) => (IMembershipTable)(
        original.ImplementationInstance
        ?? original.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!));
}
