using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Audit;
using TDeveloper.Grains.Persistence;
using TDeveloper.Grains.Security.Audit;

namespace TDeveloper.Cluster.Tests;

internal static class AuditEvents
{
    public static ImmutableArray<AuditEvent> Batch(string tenant, string label, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new AuditEvent
        {
            Tenant = tenant,
            Kind = AuditEventKinds.Login,
            Actor = label,
            Outcome = "success",
            Details = ImmutableDictionary<string, string>.Empty.Add("n", i.ToString()),
        })];

    public static async Task<AuditLogSlice> ReadAllAsync(IClusterClient client, string tenant) =>
        await client.GetGrain<IAuditLogGrain>(tenant).ReadAsync(new AuditQuery { Limit = AuditQuery.MaxLimit });
}

/// <summary>A tenant's audit log keeps every event, numbered in append order, across deactivation and the loss of its silo.</summary>
public sealed class AuditLogSiloLossTests : FileStoreClusterFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["TDeveloper:Security:Audit:EventsPerPage"] = "4" };

    [Fact]
    public async Task Events_append_and_read_back_in_order_across_a_deactivation_and_the_loss_of_their_silo()
    {
        const string tenant = "acme";
        var log = Client.GetGrain<IAuditLogGrain>(tenant);
        await log.AppendAsync(AuditEvents.Batch(tenant, "first", 3));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => log.AppendAsync(AuditEvents.Batch(tenant, $"burst{i}", 3))));
        AssertWhole(await AuditEvents.ReadAllAsync(Client, tenant), 18);

        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await log.AppendAsync(AuditEvents.Batch(tenant, "after-deactivation", 3));
        AssertWhole(await AuditEvents.ReadAllAsync(Client, tenant), 21);

        Assert.True(Cluster.TryGetGrainContext(log.GetGrainId(), out var context), "the log is active somewhere");
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress)));

        var afterLoss = await AuditEvents.ReadAllAsync(Client, tenant); // reactivates on the surviving silo, from storage
        AssertWhole(afterLoss, 21);
        await log.AppendAsync(AuditEvents.Batch(tenant, "after-loss", 2));
        var final = await AuditEvents.ReadAllAsync(Client, tenant);
        AssertWhole(final, 23);
        Assert.Equal(["after-loss", "after-loss"], final.Entries[^2..].Select(e => e.Event.Actor));
        Assert.Equal(["first", "first", "first"], final.Entries[..3].Select(e => e.Event.Actor));
    }

    /// <summary>Asserts entries 1…count, each batch whole, in order and contiguous.</summary>
    private static void AssertWhole(AuditLogSlice slice, int count)
    {
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), slice.Entries.Select(e => e.Sequence));
        Assert.Equal(count, slice.LastSequence);
        Assert.Null(slice.Next);
        foreach (var batch in slice.Entries.GroupBy(e => e.Event.Actor))
        {
            var sequences = batch.Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);
            Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => i.ToString()), batch.Select(e => e.Event.Details["n"]));
        }
    }
}

/// <summary>Retention deletes whole pages once they filled longer ago than the retention period, on a clock the test moves.</summary>
public sealed class AuditLogRetentionTests : FileStoreClusterFixture
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));

    protected override short Silos => 1;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Security:Audit:EventsPerPage"] = "4",
        ["TDeveloper:Security:Audit:Retention"] = Retention.ToString(),
    };

    protected override void ConfigureSiloServices(IServiceCollection services) => services
        .AddSingleton<TimeProvider>(_clock)
        .UseTimeProviderForBackgroundAreas(TimeProvider.System);

    [Fact]
    public async Task Pages_older_than_the_retention_are_deleted_whole_and_stay_deleted_after_a_reload()
    {
        const string tenant = "retained";
        var log = Client.GetGrain<IAuditLogGrain>(tenant);
        await log.AppendAsync(AuditEvents.Batch(tenant, "day0", 9)); // pages 0 and 1 fill now; 9 opens page 2
        _clock.Advance(TimeSpan.FromDays(20));
        await log.AppendAsync(AuditEvents.Batch(tenant, "day20", 3)); // page 2 fills on day 20

        _clock.Advance(Retention - TimeSpan.FromDays(20) - TimeSpan.FromSeconds(1));
        await log.AppendAsync(AuditEvents.Batch(tenant, "day30-", 1));
        Assert.Equal(1, (await AuditEvents.ReadAllAsync(Client, tenant)).Entries[0].Sequence); // not yet

        _clock.Advance(TimeSpan.FromSeconds(1));
        await log.AppendAsync(AuditEvents.Batch(tenant, "day30", 1));
        var pruned = await AuditEvents.ReadAllAsync(Client, tenant);
        Assert.Equal(Enumerable.Range(9, 6).Select(i => (long)i), pruned.Entries.Select(e => e.Sequence));
        Assert.Equal(14, pruned.LastSequence);
        var records = Records();
        Assert.Null((await records.Store.ReadAsync<AuditPage>("tdeveloper.audit", $"{tenant}#0")).Value);
        Assert.Null((await records.Store.ReadAsync<AuditPage>("tdeveloper.audit", $"{tenant}#1")).Value);
        Assert.Empty(await records.Journal.ReadAsync<AuditSegment>("tdeveloper.audit.segment", $"{tenant}#1"));
        Assert.NotNull((await records.Store.ReadAsync<AuditPage>("tdeveloper.audit", $"{tenant}#2")).Value);

        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reloaded = await AuditEvents.ReadAllAsync(Client, tenant);
        Assert.Equal(pruned.Entries.Select(e => e.Sequence), reloaded.Entries.Select(e => e.Sequence));
        Assert.Equal(9, Assert.Single((await log.ReadAsync(new AuditQuery { AfterSequence = 0, Limit = 1 })).Entries).Sequence);

        // A year on, page 2 goes too; the page being filled is never deleted, however old.
        _clock.Advance(TimeSpan.FromDays(365));
        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var yearLater = await AuditEvents.ReadAllAsync(Client, tenant); // retention applied on activation
        Assert.Equal([13L, 14], yearLater.Entries.Select(e => e.Sequence));
        await log.AppendAsync(AuditEvents.Batch(tenant, "year1", 1));
        Assert.Equal([13L, 14, 15], (await AuditEvents.ReadAllAsync(Client, tenant)).Entries.Select(e => e.Sequence));
    }

    private (RecordStore Store, Journal Journal) Records()
    {
        var services = ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services;
        return (services.GetRequiredService<RecordStore>(), services.GetRequiredService<Journal>());
    }
}
