using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using TDeveloper.Api.Grpc.V1;
using TDeveloper.Grains.Interfaces.Security;
using static TDeveloper.Api.Tests.Grpc.GrpcTestChannels;

namespace TDeveloper.Api.Tests.Grpc;

/// <summary>The gRPC API over a real silo with a real <c>Grpc.Net.Client</c>: the happy path, resuming a watch, every refusal's status, tenants, health and reflection.</summary>
public sealed class GrpcApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private const string Tenant = "grpc-a";

    private static bool Finished(SessionEvent e) => e.Kind is "WorkflowCompleted" or "WorkflowFailed" or "WorkflowCancelled";

    [Fact]
    public async Task A_request_submitted_over_grpc_is_watched_to_completion_and_its_workflow_and_files_read()
    {
        using var channel = await AuthenticatedAsync(factory, Tenant);
        var sessions = new Sessions.SessionsClient(channel);
        var session = await sessions.CreateSessionAsync(new CreateSessionRequest { Owner = "grpc-tests", Title = "over grpc" });
        Assert.Equal("Active", session.Status);
        Assert.Equal(Tenant, session.Tenant);

        var submitted = await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "add a login API with tests" });
        Assert.Equal("Running", submitted.Status);
        Assert.NotEmpty(submitted.Plan);

        var events = await sessions.WatchUntilAsync(session.Id, 0, e => e.WorkflowId == submitted.WorkflowId && Finished(e));
        Assert.Equal("WorkflowCompleted", events[^1].Kind);
        Assert.Contains(events, e => e.Kind == "StepCompleted");

        var workflow = await new Workflows.WorkflowsClient(channel).GetWorkflowAsync(new WorkflowRef { WorkflowId = submitted.WorkflowId });
        Assert.Equal("Completed", workflow.Status);
        Assert.All(workflow.Steps, s => Assert.Equal("Completed", s.Status));

        var read = await sessions.GetSessionAsync(new GetSessionRequest { SessionId = session.Id });
        Assert.Equal(submitted.WorkflowId, read.Requests.Single().WorkflowId);
        var listed = await sessions.ListSessionsAsync(new ListSessionsRequest { Limit = 200 });
        Assert.Contains(listed.Items, s => s.Id == session.Id);

        var workspaces = new Workspaces.WorkspacesClient(channel);
        var files = await workspaces.ListFilesAsync(new SessionRef { SessionId = session.Id });
        Assert.NotEmpty(files.Files);
        var file = await workspaces.ReadFileAsync(new ReadFileRequest { SessionId = session.Id, Path = files.Files[0].Path });
        Assert.Equal(files.Files[0].Size, file.Content.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content.ToByteArray())), file.File.Sha256.ToLowerInvariant());

        var ended = await sessions.EndSessionAsync(new EndSessionRequest { SessionId = session.Id });
        Assert.Equal("Completed", ended.Status);
    }

    [Fact]
    public async Task A_watch_resumes_after_the_sequence_number_it_is_given()
    {
        using var channel = await AuthenticatedAsync(factory, Tenant);
        var sessions = new Sessions.SessionsClient(channel);
        var session = await sessions.CreateSessionAsync(new CreateSessionRequest());
        var submitted = await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "design a cache" });

        // Live-only events (sequence 0, streamed text) are never logged, so never replayed: compare the logged ones.
        var all = (await sessions.WatchUntilAsync(session.Id, 0, e => e.WorkflowId == submitted.WorkflowId && Finished(e))).Where(e => e.Sequence > 0).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));

        var resumed = await sessions.WatchUntilAsync(session.Id, all[2].Sequence, Finished);
        Assert.Equal(all.Skip(3).Select(e => e.Sequence), resumed.Select(e => e.Sequence));
        Assert.Equal(all.Skip(3).Select(e => e.Kind), resumed.Select(e => e.Kind));
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_naming_each_field()
    {
        using var channel = await AuthenticatedAsync(factory, Tenant);
        var sessions = new Sessions.SessionsClient(channel);

        var badId = await FailsWithAsync(StatusCode.InvalidArgument, async () => await sessions.GetSessionAsync(new GetSessionRequest { SessionId = "not a/valid id" }));
        Assert.Equal(["session_id"], FieldsOf(badId));

        var tooLong = await FailsWithAsync(StatusCode.InvalidArgument, async () => await sessions.CreateSessionAsync(new CreateSessionRequest { Owner = new string('o', 129), Title = new string('t', 257) }));
        Assert.Equal(["owner", "title"], FieldsOf(tooLong).Order());

        var session = await sessions.CreateSessionAsync(new CreateSessionRequest());
        var submit = await FailsWithAsync(StatusCode.InvalidArgument, async () => await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "now", Priority = "Urgent", Template = "no such/template" }));
        Assert.Equal(["priority", "template"], FieldsOf(submit).Order());

        await FailsWithAsync(StatusCode.InvalidArgument, async () => await sessions.ListSessionsAsync(new ListSessionsRequest { Status = "Sleeping" }));
        await FailsWithAsync(StatusCode.InvalidArgument, async () => await new Workspaces.WorkspacesClient(channel).ReadFileAsync(new ReadFileRequest { SessionId = session.Id, Path = "../etc/passwd" }));
        var noVerdict = await FailsWithAsync(StatusCode.InvalidArgument, async () => await new Workflows.WorkflowsClient(channel).DecideApprovalAsync(new DecideApprovalRequest { WorkflowId = "w-1", StepId = "approval" }));
        Assert.Equal(["approved"], FieldsOf(noVerdict));
    }

    [Fact]
    public async Task Unknown_targets_are_not_found_and_a_wrong_state_is_a_failed_precondition()
    {
        using var channel = await AuthenticatedAsync(factory, Tenant);
        var sessions = new Sessions.SessionsClient(channel);
        await FailsWithAsync(StatusCode.NotFound, async () => await sessions.GetSessionAsync(new GetSessionRequest { SessionId = "s-unknown" }));
        await FailsWithAsync(StatusCode.NotFound, async () => await new Workflows.WorkflowsClient(channel).GetWorkflowAsync(new WorkflowRef { WorkflowId = "w-unknown" }));
        await FailsWithAsync(StatusCode.NotFound, async () => await sessions.WatchUntilAsync("s-unknown", 0, _ => true));
        await FailsWithAsync(StatusCode.NotFound, async () => await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = "s-unknown", Text = "anything" }));

        var session = await sessions.CreateSessionAsync(new CreateSessionRequest());
        await FailsWithAsync(StatusCode.FailedPrecondition, async () => await sessions.ResumeSessionAsync(new SessionRef { SessionId = session.Id }));
        Assert.Equal("Paused", (await sessions.PauseSessionAsync(new SessionRef { SessionId = session.Id })).Status);
        await FailsWithAsync(StatusCode.FailedPrecondition, async () => await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "while paused" }));
        Assert.Equal("Active", (await sessions.ResumeSessionAsync(new SessionRef { SessionId = session.Id })).Status);
        var cancelled = await sessions.EndSessionAsync(new EndSessionRequest { SessionId = session.Id, Cancel = true, Reason = "done testing" });
        Assert.NotEqual("Active", cancelled.Status);
        Assert.Contains("done testing", cancelled.EndReason);
        await FailsWithAsync(StatusCode.FailedPrecondition, async () => await sessions.PauseSessionAsync(new SessionRef { SessionId = session.Id }));
    }

    [Fact]
    public async Task No_credential_is_unauthenticated_a_missing_permission_is_permission_denied()
    {
        using var anonymous = Anonymous(factory);
        await FailsWithAsync(StatusCode.Unauthenticated, async () => await new Sessions.SessionsClient(anonymous).ListSessionsAsync(new ListSessionsRequest()));
        await FailsWithAsync(StatusCode.Unauthenticated, async () => await new Sessions.SessionsClient(anonymous).WatchUntilAsync("s-1", 0, _ => true));

        using var admin = await AuthenticatedAsync(factory, Tenant);
        var session = await new Sessions.SessionsClient(admin).CreateSessionAsync(new CreateSessionRequest());
        using var viewer = await AuthenticatedAsync(factory, Tenant, BuiltInRoles.Viewer);
        var viewers = new Sessions.SessionsClient(viewer);
        Assert.Equal(session.Id, (await viewers.GetSessionAsync(new GetSessionRequest { SessionId = session.Id })).Id);
        await FailsWithAsync(StatusCode.PermissionDenied, async () => await viewers.CreateSessionAsync(new CreateSessionRequest()));
        await FailsWithAsync(StatusCode.PermissionDenied, async () => await viewers.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "not allowed" }));
        await FailsWithAsync(StatusCode.PermissionDenied, async () => await viewers.EndSessionAsync(new EndSessionRequest { SessionId = session.Id, Cancel = true }));
        await FailsWithAsync(StatusCode.PermissionDenied, async () => await new Workflows.WorkflowsClient(viewer).CancelWorkflowAsync(new CancelWorkflowRequest { WorkflowId = "w-1" }));
    }

    [Fact]
    public async Task Another_tenant_cannot_see_or_touch_a_session()
    {
        using var owner = await AuthenticatedAsync(factory, Tenant);
        var sessions = new Sessions.SessionsClient(owner);
        var session = await sessions.CreateSessionAsync(new CreateSessionRequest { Owner = "owner-only-in-a" });
        var submitted = await sessions.SubmitRequestAsync(new SubmitRequestRequest { SessionId = session.Id, Text = "design a cache" });

        using var other = await AuthenticatedAsync(factory, "grpc-b");
        var foreign = new Sessions.SessionsClient(other);
        await FailsWithAsync(StatusCode.NotFound, async () => await foreign.GetSessionAsync(new GetSessionRequest { SessionId = session.Id }));
        await FailsWithAsync(StatusCode.NotFound, async () => await foreign.WatchUntilAsync(session.Id, 0, _ => true));
        await FailsWithAsync(StatusCode.NotFound, async () => await foreign.PauseSessionAsync(new SessionRef { SessionId = session.Id }));
        await FailsWithAsync(StatusCode.NotFound, async () => await new Workflows.WorkflowsClient(other).GetWorkflowAsync(new WorkflowRef { WorkflowId = submitted.WorkflowId }));
        await FailsWithAsync(StatusCode.NotFound, async () => await new Workflows.WorkflowsClient(other).CancelWorkflowAsync(new CancelWorkflowRequest { WorkflowId = submitted.WorkflowId }));
        await FailsWithAsync(StatusCode.NotFound, async () => await new Workspaces.WorkspacesClient(other).ListFilesAsync(new SessionRef { SessionId = session.Id }));
        Assert.DoesNotContain((await foreign.ListSessionsAsync(new ListSessionsRequest { Limit = 200 })).Items, s => s.Id == session.Id);
        Assert.Equal("Active", (await sessions.GetSessionAsync(new GetSessionRequest { SessionId = session.Id })).Status);
    }

    [Fact]
    public async Task Health_and_reflection_answer_without_a_credential()
    {
        using var anonymous = Anonymous(factory);
        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        using var reflection = new ServerReflection.ServerReflectionClient(anonymous).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
        var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("tdeveloper.v1.Sessions", services);
        Assert.Contains("tdeveloper.v1.Workflows", services);
        Assert.Contains("tdeveloper.v1.Workspaces", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    private static List<string> FieldsOf(RpcException failure) =>
        [.. (failure.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? []).Select(v => v.Field)];
}
