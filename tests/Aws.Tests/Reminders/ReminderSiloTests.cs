using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TDeveloper.Aws.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

[Collection(DynaliteCollection.Name)]
public class ReminderSiloTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task A_silo_using_the_table_stores_a_grains_reminder_in_dynamodb_and_delivers_its_tick()
    {
        var serviceId = ReminderTestTables.NewServiceId();
        using var host = BuildSilo(serviceId, o => o.TableName = ReminderTestTables.TableName);
        Assert.IsType<DynamoDBReminderTable>(host.Services.GetRequiredService<IReminderTable>());
        await host.StartAsync();
        try
        {
            var key = Guid.NewGuid().ToString("N");
            await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key).ArmAsync();

            Assert.Equal("probe", await ReminderProbeGrain.TickOf(key).WaitAsync(TimeSpan.FromSeconds(60)));
            using var reader = await ReminderTestTables.StartAsync(dynalite, serviceId);
            var row = Assert.Single((await reader.Table.ReadRows(0, 0)).Reminders);
            Assert.Equal("probe", row.ReminderName);
            Assert.Equal(key, row.GrainId.Key.ToString());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_silo_does_not_start_when_its_reminder_table_is_missing_and_says_which()
    {
        var tableName = "reminders-absent-" + Guid.NewGuid().ToString("N")[..8];
        using var host = BuildSilo(ReminderTestTables.NewServiceId(), o =>
        {
            o.TableName = tableName;
            o.CreateIfNotExists = false;
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(tableName, error.ToString());
    }

    [Fact]
    public async Task A_silo_with_invalid_options_stops_before_starting_and_lists_every_problem()
    {
        using var host = BuildSilo(ReminderTestTables.NewServiceId(), o =>
        {
            o.TableName = "?";
            o.MaxErrorRetry = -1;
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, error.Failures.Count());
    }

    private IHost BuildSilo(string serviceId, Action<DynamoDBReminderOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: serviceId, clusterId: serviceId)
            .UseDynamoDBReminderService(options =>
            {
                dynalite.Configure(options);
                configure(options);
            }));
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
