using Grpc.Core;
using TDeveloper.Api.Grpc.V1;
using static TDeveloper.Api.Tests.Grpc.GrpcTestChannels;

namespace TDeveloper.Api.Tests.Grpc;

/// <summary>A full queue is RESOURCE_EXHAUSTED over gRPC, and an approval given over gRPC lets the blocking release finish.</summary>
public sealed class GrpcQueueTests(QueueSiloAppFactory factory) : IClassFixture<QueueSiloAppFactory>
{
    [Fact]
    public async Task A_full_queue_is_resource_exhausted_and_an_approval_over_grpc_frees_the_slot()
    {
        using var channel = await AuthenticatedAsync(factory, "grpc-queue");
        var sessions = new Sessions.SessionsClient(channel);
        var workflows = new Workflows.WorkflowsClient(channel);
        var session = await sessions.CreateSessionAsync(new CreateSessionRequest());

        var release = await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "ship the exporter", Template = "release" });
        Assert.Equal("Running", release.Status);
        var queued = await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "implement the csv exporter", Priority = "High" });
        Assert.Equal("Queued", queued.Status);
        Assert.Equal(1, queued.QueuePosition);

        var full = await FailsWithAsync(StatusCode.ResourceExhausted, async () => await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "implement the pdf exporter" }));
        Assert.Contains("queue is full", full.Status.Detail);

        await sessions.WatchUntilAsync(session.Id, 0, e => e.WorkflowId == release.WorkflowId && e.Kind == "StepAwaitingApproval");
        await FailsWithAsync(StatusCode.FailedPrecondition, async () => await workflows.DecideApprovalAsync(new DecideApprovalRequest { WorkflowId = release.WorkflowId, StepId = "docs", Approved = true }));
        var approved = await workflows.DecideApprovalAsync(new DecideApprovalRequest { WorkflowId = release.WorkflowId, StepId = "approval", Approved = true, Comment = "go", DecidedBy = "ana" });
        Assert.NotEqual("AwaitingApproval", approved.Steps.Single(s => s.Id == "approval").Status);

        var events = await sessions.WatchUntilAsync(session.Id, 0, e => e.WorkflowId == queued.WorkflowId && e.Kind is "WorkflowCompleted" or "WorkflowFailed");
        Assert.Equal("WorkflowCompleted", events[^1].Kind);
        Assert.Contains(events, e => e.WorkflowId == release.WorkflowId && e.Kind == "WorkflowCompleted");
        Assert.Equal("Completed", (await workflows.GetWorkflowAsync(new WorkflowRef { WorkflowId = release.WorkflowId })).Status);
    }
}
