using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TDeveloper.Client;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>
/// The handle-style client (<see cref="TDeveloperHandles"/>) against a real silo, embedded (the silo's own facade) and remote (the
/// HTTP API with an API key): start, submit, watch, approve, result; every exception from a real refusal; a watch that resumes
/// after its connection drops. The silo runs one request per session and queues one more (<see cref="QueueSiloAppFactory"/>).
/// </summary>
public class ClientHandleTests(QueueSiloAppFactory factory) : IClassFixture<QueueSiloAppFactory>
{
    private static readonly SubmitRequestInput Release = new() { Text = "ship the cache", Template = "release" };

    public static TheoryData<string> Modes => ["embedded", "remote"];

    [Theory, MemberData(nameof(Modes))]
    public async Task A_started_session_runs_a_request_to_its_result_through_approval(string mode)
    {
        var client = await HandlesAsync(mode, $"handles-run-{mode}");
        var session = await client.Sessions.StartAsync(new CreateSessionInput { Owner = "tests", Title = "handles" });
        var workflow = await session.SubmitAsync(Release);
        Assert.Equal(session.Id, workflow.SessionId);
        Assert.Equal(WorkflowStatus.Running, workflow.Submitted!.Status);

        await WatchUntilAsync(session, 0, e => e.WorkflowId == workflow.Id && e.Kind == SessionEventKind.StepAwaitingApproval);
        var approved = await workflow.ApproveAsync(comment: "looks good");
        Assert.Equal(workflow.Id, approved.Id);

        var result = await workflow.ResultAsync();
        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.All(result.Steps, s => Assert.Contains(s.Status, new[] { StepStatus.Completed, StepStatus.Skipped }));
        Assert.Equal(result.Id, (await client.Workflows.GetHandle(workflow.Id).DescribeAsync()).Id);
        Assert.Contains((await client.Sessions.ListAsync()).Items, s => s.Id == session.Id);
        Assert.Equal(CheckpointKindOf(await session.CheckpointAsync("after release")), (await session.ListCheckpointsAsync())[0].Id);
        Assert.Equal(SessionStatus.Completed, (await session.EndAsync()).Status);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task Result_throws_for_a_rejected_and_for_a_cancelled_workflow(string mode)
    {
        var client = await HandlesAsync(mode, $"handles-fail-{mode}");
        var rejected = await client.Sessions.StartAsync();
        var toReject = await rejected.SubmitAsync(Release);
        await WatchUntilAsync(rejected, 0, e => e.WorkflowId == toReject.Id && e.Kind == SessionEventKind.StepAwaitingApproval);
        await toReject.RejectAsync(comment: "not now");
        var failed = await Assert.ThrowsAsync<WorkflowFailedException>(() => toReject.ResultAsync());
        Assert.IsNotType<WorkflowCancelledException>(failed);
        Assert.NotEqual(WorkflowStatus.Completed, failed.Workflow!.Status);

        var cancelled = await client.Sessions.StartAsync();
        var toCancel = await cancelled.SubmitAsync(Release);
        var waiting = toCancel.ResultAsync();
        await toCancel.CancelAsync("tests");
        var thrown = await Assert.ThrowsAsync<WorkflowCancelledException>(() => waiting);
        Assert.Equal(WorkflowStatus.Cancelled, thrown.Workflow!.Status);
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task Refusals_are_thrown_as_their_documented_exceptions(string mode)
    {
        var client = await HandlesAsync(mode, $"handles-errors-{mode}");
        await Assert.ThrowsAsync<TDeveloperNotFoundException>(() => client.Sessions.GetHandle("no-such-session").DescribeAsync());
        await Assert.ThrowsAsync<TDeveloperNotFoundException>(() => client.Workflows.GetHandle("no-such-workflow").DescribeAsync());

        var session = await client.Sessions.StartAsync();
        await session.PauseAsync();
        var conflict = await Assert.ThrowsAsync<TDeveloperConflictException>(() => session.PauseAsync());
        Assert.Equal(409, conflict.StatusCode);
        await session.ResumeAsync();

        var invalid = await Assert.ThrowsAsync<TDeveloperValidationException>(() => session.SubmitAsync(new SubmitRequestInput { Text = "x", Template = "no-such-template" }));
        Assert.Equal(400, invalid.StatusCode);

        var running = await session.SubmitAsync(Release);
        var queued = await session.SubmitAsync(Release);
        Assert.Equal(WorkflowStatus.Queued, queued.Submitted!.Status);
        Assert.Equal(WorkflowStatus.Queued, (await queued.DescribeAsync()).Status);
        await Assert.ThrowsAsync<TDeveloperLimitReachedException>(() => session.SubmitAsync(Release));

        // A queued request cancelled through its handle leaves the queue; its result is a cancellation.
        await queued.CancelAsync();
        await Assert.ThrowsAsync<WorkflowCancelledException>(() => queued.ResultAsync());
        await running.CancelAsync();
    }

    [Theory, MemberData(nameof(Modes))]
    public async Task Another_tenants_session_does_not_exist_for_the_caller(string mode)
    {
        var owner = await HandlesAsync(mode, $"handles-owner-{mode}");
        var stranger = await HandlesAsync(mode, $"handles-stranger-{mode}");
        var session = await owner.Sessions.StartAsync();
        await Assert.ThrowsAsync<TDeveloperNotFoundException>(() => stranger.Sessions.GetHandle(session.Id).PauseAsync());
        await Assert.ThrowsAsync<TDeveloperNotFoundException>(async () =>
        {
            await foreach (var _ in stranger.Sessions.GetHandle(session.Id).WatchAsync()) break;
        });
        Assert.Equal(SessionStatus.Active, (await session.DescribeAsync()).Status);
    }

    [Fact]
    public async Task Remote_callers_without_the_permission_or_a_valid_credential_are_refused()
    {
        var viewer = await HandlesAsync("remote", "handles-rbac", BuiltInRoles.Viewer);
        var session = await (await HandlesAsync("remote", "handles-rbac")).Sessions.StartAsync();
        var denied = await Assert.ThrowsAsync<TDeveloperAccessDeniedException>(() => viewer.Sessions.GetHandle(session.Id).PauseAsync());
        Assert.Equal(403, denied.StatusCode);
        Assert.Equal(session.Id, (await viewer.Sessions.GetHandle(session.Id).DescribeAsync()).Id);

        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(TDeveloperRemoteClientOptions.ApiKeyHeader, "tdk_unknown_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var anonymous = new TDeveloperHandles(new HttpTransport(http, Options.Create(new TDeveloperRemoteClientOptions())));
        await Assert.ThrowsAsync<TDeveloperUnauthenticatedException>(() => anonymous.Sessions.StartAsync());
    }

    [Fact]
    public async Task A_watch_whose_connection_drops_resumes_from_its_last_sequence_without_gaps_or_repeats()
    {
        var client = await HandlesAsync("remote", "handles-resume");
        var session = await client.Sessions.StartAsync();
        var workflow = await session.SubmitAsync(Release);
        await WatchUntilAsync(session, 0, e => e.WorkflowId == workflow.Id && e.Kind == SessionEventKind.StepAwaitingApproval);
        await workflow.ApproveAsync();
        await workflow.ResultAsync();
        var whole = await WatchUntilAsync(session, 0, e => e.WorkflowId == workflow.Id && e.Kind == SessionEventKind.WorkflowCompleted);

        // Every connection is cut after two events; the handle reconnects with Last-Event-ID each time.
        var dropping = new DroppingTransport(client.Transport, eventsPerConnection: 2);
        var resumed = await WatchUntilAsync(new TDeveloperHandles(dropping).Sessions.GetHandle(session.Id), 0, e => e.WorkflowId == workflow.Id && e.Kind == SessionEventKind.WorkflowCompleted);

        Assert.True(dropping.Connections > 2, $"only {dropping.Connections} connections");
        Assert.Equal(whole.Select(e => e.Sequence), resumed.Select(e => e.Sequence));
        Assert.Equal(whole.Select(e => e.Kind), resumed.Select(e => e.Kind));
        Assert.Equal(0, dropping.AskedAfter[0]);
        Assert.All(dropping.AskedAfter.Skip(1), after => Assert.Contains(after, resumed.Select(e => e.Sequence)));
    }

    [Fact]
    public async Task The_registered_remote_client_exchanges_its_api_key_for_a_token()
    {
        var key = await factory.CreateApiKeyAsync("handles-di");
        var services = new ServiceCollection();
        services.AddTDeveloperRemoteClient(o =>
        {
            o.BaseAddress = factory.Server.BaseAddress;
            o.ApiKey = key.Key;
            o.ExchangeApiKeyForToken = true;
        }).ConfigurePrimaryHttpMessageHandler(() => factory.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TDeveloperHandles>();
        var session = await client.Sessions.StartAsync(new CreateSessionInput { Owner = "di" });
        Assert.Equal("handles-di", (await session.DescribeAsync()).Tenant);
    }

    private static string CheckpointKindOf(CheckpointInfo checkpoint) => checkpoint.Id;

    private async Task<TDeveloperHandles> HandlesAsync(string mode, string tenant, params string[] roles)
    {
        if (mode == "embedded")
        {
            _ = factory.Services; // starts the silo
            return factory.Services.GetRequiredService<ITDeveloperClient>().ForTenant(tenant);
        }

        var http = await factory.CreateApiKeyClientAsync(tenant, roles);
        return new TDeveloperHandles(new HttpTransport(http, Options.Create(new TDeveloperRemoteClientOptions())));
    }

    /// <summary>Watches until an event satisfies <paramref name="until"/>, checking order on the way; the bound only ends a hung test.</summary>
    private static async Task<List<SessionEvent>> WatchUntilAsync(SessionHandle session, long after, Func<SessionEvent, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<SessionEvent>();
        await foreach (var e in session.WatchAsync(after, timeout.Token))
        {
            if (e.IsLiveOnly) continue;
            if (events.Count > 0) Assert.True(e.Sequence > events[^1].Sequence, $"{e.Sequence} after {events[^1].Sequence}");
            events.Add(e);
            if (until(e)) break;
        }

        return events;
    }

    /// <summary>A transport whose every watch connection fails (as a dropped socket does) after a few events.</summary>
    private sealed class DroppingTransport(ITDeveloperTransport inner, int eventsPerConnection) : ITDeveloperTransport
    {
        public int Connections { get; private set; }

        public List<long> AskedAfter { get; } = [];

        public async IAsyncEnumerable<SessionEvent> WatchAsync(string sessionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Connections++;
            AskedAfter.Add(afterSequence);
            var handed = 0;
            await foreach (var e in inner.WatchAsync(sessionId, afterSequence, cancellationToken))
            {
                if (!e.IsLiveOnly && handed++ == eventsPerConnection) throw new HttpRequestException("connection reset (test)");
                yield return e;
            }
        }

        public bool IsTransient(Exception exception) => inner.IsTransient(exception);

        public Task<SessionSnapshot> CreateSessionAsync(CreateSessionInput input, CancellationToken cancellationToken) => inner.CreateSessionAsync(input, cancellationToken);
        public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken) => inner.ListSessionsAsync(query, cancellationToken);
        public Task<SessionSnapshot> GetSessionAsync(string sessionId, CancellationToken cancellationToken) => inner.GetSessionAsync(sessionId, cancellationToken);
        public Task<SubmittedRequest> SubmitRequestAsync(string sessionId, SubmitRequestInput input, CancellationToken cancellationToken) => inner.SubmitRequestAsync(sessionId, input, cancellationToken);
        public Task<SessionSnapshot> PauseSessionAsync(string sessionId, CancellationToken cancellationToken) => inner.PauseSessionAsync(sessionId, cancellationToken);
        public Task<SessionSnapshot> ResumeSessionAsync(string sessionId, CancellationToken cancellationToken) => inner.ResumeSessionAsync(sessionId, cancellationToken);
        public Task<SessionSnapshot> CompleteSessionAsync(string sessionId, CancellationToken cancellationToken) => inner.CompleteSessionAsync(sessionId, cancellationToken);
        public Task<SessionSnapshot> CancelSessionAsync(string sessionId, string reason, CancellationToken cancellationToken) => inner.CancelSessionAsync(sessionId, reason, cancellationToken);
        public Task<SessionSnapshot> CancelQueuedRequestAsync(string sessionId, string workflowId, CancellationToken cancellationToken) => inner.CancelQueuedRequestAsync(sessionId, workflowId, cancellationToken);
        public Task<WorkflowSnapshot> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken) => inner.GetWorkflowAsync(workflowId, cancellationToken);
        public Task<WorkflowSnapshot> DecideAsync(string workflowId, ApprovalDecision decision, CancellationToken cancellationToken) => inner.DecideAsync(workflowId, decision, cancellationToken);
        public Task<WorkflowSnapshot> CancelWorkflowAsync(string workflowId, string reason, CancellationToken cancellationToken) => inner.CancelWorkflowAsync(workflowId, reason, cancellationToken);
        public Task<CheckpointInfo> CheckpointAsync(string sessionId, string? label, CancellationToken cancellationToken) => inner.CheckpointAsync(sessionId, label, cancellationToken);
        public Task<System.Collections.Immutable.ImmutableArray<CheckpointInfo>> ListCheckpointsAsync(string sessionId, CancellationToken cancellationToken) => inner.ListCheckpointsAsync(sessionId, cancellationToken);
        public Task<System.Collections.Immutable.ImmutableArray<AgentSnapshot>> GetAgentsAsync(string sessionId, CancellationToken cancellationToken) => inner.GetAgentsAsync(sessionId, cancellationToken);
    }
}
