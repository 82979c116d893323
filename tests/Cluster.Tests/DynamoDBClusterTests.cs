using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TDeveloper.Aws;
using TDeveloper.Aws.Membership;
using TDeveloper.Aws.Reminders;
using TDeveloper.Aws.Storage;
using TDeveloper.Aws.Tests;
using TDeveloper.Grains;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Cluster.Tests;

/// <summary>Two silos whose membership, grain state and reminders are all in DynamoDB (dynalite), as in the AWS mode.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBClusterTests(DynaliteFixture dynalite)
{
    private readonly string _serviceId = "svc-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Sessions_and_workflows_survive_a_full_cluster_shutdown_and_restart()
    {
        var probe = new GrainCallProbe();
        string sessionKey;
        string workflowKey;
        await using (var first = await StartAsync(services => services.AddSingleton<IIncomingGrainCallFilter>(probe)))
        {
            var session = await SessionFlow.CreateSessionAsync(first.Client);
            var workflow = await SessionFlow.SubmitAsync(first.Client, session, "design and implement a report exporter with tests");
            Assert.Equal(WorkflowStatus.Completed, (await SessionFlow.FinishedAsync(first.Client, session, workflow))!.Status);
            await probe.WorkflowEndNoticedAsync(session);
            sessionKey = session.GetPrimaryKeyString();
            workflowKey = workflow.GetPrimaryKeyString();
            await first.StopAllSilosAsync();
        }

        await using var second = await StartAsync();
        var restoredSession = await second.Client.GetGrain<ISessionGrain>(sessionKey).GetAsync();
        var restoredWorkflow = await second.Client.GetGrain<IWorkflowGrain>(workflowKey).GetAsync();

        Assert.NotNull(restoredSession);
        Assert.Equal(WorkflowStatus.Completed, restoredSession.Requests.Single().Status);
        Assert.NotNull(restoredWorkflow);
        Assert.Equal(["design", "code", "test"], restoredWorkflow.Steps.Select(s => s.Id));
        Assert.All(restoredWorkflow.Steps, s => Assert.False(string.IsNullOrEmpty(s.Output)));
    }

    [Fact]
    public async Task A_workflow_running_when_the_whole_cluster_stops_finishes_after_a_restart_untouched()
    {
        var model = new GatedChatClient(TestModels.FastOffline());
        var code = model.Hold(AgentNames.Code);
        string sessionKey;
        string workflowKey;
        await using (var first = await StartAsync(services => services.AddTestModel(model)))
        {
            var session = await SessionFlow.CreateSessionAsync(first.Client);
            var workflow = await SessionFlow.SubmitAsync(first.Client, session, "design, implement and test a billing API");
            await SessionEvents.WaitForAsync(first.Client, session, SessionEvents.StepCompleted("design"), "design step done");
            await code.Entered;
            sessionKey = session.GetPrimaryKeyString();
            workflowKey = workflow.GetPrimaryKeyString();
            await first.StopAllSilosAsync();
        }

        // Only the session's log is read: the reminders kept in DynamoDB must bring the work back by themselves.
        var probe = new GrainCallProbe();
        await using var second = await StartAsync(services => services.AddSingleton<IIncomingGrainCallFilter>(probe));
        var restored = second.Client.GetGrain<ISessionGrain>(sessionKey);
        var workflowAgain = second.Client.GetGrain<IWorkflowGrain>(workflowKey);
        await SessionEvents.WaitForAsync(second.Client, restored, SessionEvents.Finished(workflowAgain), "workflow finished after restart");
        await probe.WorkflowEndNoticedAsync(restored);
        Assert.Equal(WorkflowStatus.Completed, (await restored.GetAsync())!.Requests.Single().Status);
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_in_the_membership_table_and_its_workflow_finishes_elsewhere()
    {
        var model = new GatedChatClient(TestModels.FastOffline());
        var code = model.Hold(AgentNames.Code);
        await using var cluster = await StartAsync(services => services.AddTestModel(model));
        var session = await SessionFlow.CreateSessionAsync(cluster.Client);
        var workflow = await SessionFlow.SubmitAsync(cluster.Client, session, "design, implement and test a login API");
        await SessionEvents.WaitForAsync(cluster.Client, session, SessionEvents.StepCompleted("design"), "design step done");
        await code.Entered;

        Assert.True(cluster.TryGetGrainContext(workflow.GetGrainId(), out var context));
        var doomed = cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        var survivor = (InProcessSiloHandle)cluster.Silos.Single(s => s != doomed);
        await cluster.KillSiloAsync(doomed);
        code.Open();

        // The survivor's view of membership is read from the table; once it shows the death, so does the table.
        await WaitDeclaredDeadAsync(survivor, doomed.SiloAddress);
        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        Assert.Contains(hosts, h => h.SiloAddress.Equals(doomed.SiloAddress) && h.Status == SiloStatus.Dead);

        var finished = await SessionFlow.FinishedAsync(cluster.Client, session, workflow);
        Assert.Equal(WorkflowStatus.Completed, finished!.Status);
    }

    private static async Task WaitDeclaredDeadAsync(InProcessSiloHandle observer, SiloAddress silo)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var membership = observer.ServiceProvider.GetRequiredService<IClusterMembershipService>();
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(deadline.Token))
        {
            if (snapshot.GetSiloStatus(silo) == SiloStatus.Dead) return;
        }
    }

    private async Task<InProcessTestCluster> StartAsync(Action<IServiceCollection>? configureSiloServices = null)
    {
        var aws = dynalite.Configure(new AwsModeOptions { MembershipTable = "it-membership", GrainStateTable = "it-state", ReminderTable = "it-reminders" });
        var builder = TestClusterFactory.CreateBuilder(2, modelLatency: null);
        // Orleans 10.4.2 keeps this switch internal (later TestingHost versions make it public); without it
        // the test cluster's own in-process membership table would replace ours.
        typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.SetValue(builder.Options, false);
        builder.Options.ServiceId = _serviceId;
        builder.Options.ClusterId = _clusterId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable);
            silo.AddDynamoDBGrainStorage(StorageNames.State, o => aws.ApplyTo(o).TableName = aws.GrainStateTable);
            silo.UseDynamoDBReminderService(o => aws.ApplyTo(o).TableName = aws.ReminderTable);
            configureSiloServices?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client => client.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
