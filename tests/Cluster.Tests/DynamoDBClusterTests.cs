using Orleans.TestingHost;
using TDeveloper.Aws;
using TDeveloper.Aws.Membership;
using TDeveloper.Aws.Reminders;
using TDeveloper.Aws.Storage;
using TDeveloper.Aws.Tests;
using TDeveloper.Grains;
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
        string sessionKey;
        string workflowKey;
        await using (var first = await StartAsync())
        {
            var session = await SessionFlow.CreateSessionAsync(first.Client);
            var workflow = await SessionFlow.SubmitAsync(first.Client, session, "design and implement a report exporter with tests");
            Assert.Equal(WorkflowStatus.Completed, (await SessionFlow.FinishedAsync(workflow))!.Status);
            await Eventually.MatchAsync(session.GetAsync, s => s!.Requests.Single().Status == WorkflowStatus.Completed, what: "session sees completion");
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
        string sessionKey;
        await using (var first = await StartAsync(modelLatency: TimeSpan.FromSeconds(1)))
        {
            var session = await SessionFlow.CreateSessionAsync(first.Client);
            var workflow = await SessionFlow.SubmitAsync(first.Client, session, "design, implement and test a billing API");
            await Eventually.MatchAsync(workflow.GetAsync, w => w!.Steps[0].Status == StepStatus.Completed, what: "first step done");
            sessionKey = session.GetPrimaryKeyString();
            await first.StopAllSilosAsync();
        }

        // Only the session is read: the reminders kept in DynamoDB must bring the work back by themselves.
        await using var second = await StartAsync(modelLatency: TimeSpan.FromSeconds(1));
        var restored = second.Client.GetGrain<ISessionGrain>(sessionKey);
        var finished = await Eventually.MatchAsync(restored.GetAsync, s => !s!.Requests.Single().Status.IsActive(), timeout: TimeSpan.FromMinutes(2), what: "workflow finished after restart");
        Assert.Equal(WorkflowStatus.Completed, finished!.Requests.Single().Status);
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_in_the_membership_table_and_its_workflow_finishes_elsewhere()
    {
        await using var cluster = await StartAsync(modelLatency: TimeSpan.FromSeconds(1));
        var session = await SessionFlow.CreateSessionAsync(cluster.Client);
        var workflow = await SessionFlow.SubmitAsync(cluster.Client, session, "design, implement and test a login API");
        await Eventually.MatchAsync(workflow.GetAsync, w => w!.Steps[0].Status == StepStatus.Completed, what: "first step done");

        Assert.True(cluster.TryGetGrainContext(workflow.GetGrainId(), out var context));
        var doomed = cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
        await cluster.KillSiloAsync(doomed);

        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        await Eventually.MatchAsync(() => management.GetDetailedHosts(onlyActive: false),
            hosts => hosts.Any(h => h.SiloAddress.Equals(doomed.SiloAddress) && h.Status == SiloStatus.Dead),
            timeout: TimeSpan.FromMinutes(2), what: "killed silo declared dead");

        var snapshot = await Eventually.MatchAsync(session.GetAsync, s => !s!.Requests.Single().Status.IsActive(), timeout: TimeSpan.FromMinutes(2), what: "workflow finished");
        Assert.Equal(WorkflowStatus.Completed, snapshot!.Requests.Single().Status);
    }

    private async Task<InProcessTestCluster> StartAsync(TimeSpan? modelLatency = null)
    {
        var aws = dynalite.Configure(new AwsModeOptions { MembershipTable = "it-membership", GrainStateTable = "it-state", ReminderTable = "it-reminders" });
        var builder = TestClusterFactory.CreateBuilder(2, modelLatency);
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
        });
        builder.ConfigureClient(client => client.UseDynamoDBClustering(o => aws.ApplyTo(o).TableName = aws.MembershipTable));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
