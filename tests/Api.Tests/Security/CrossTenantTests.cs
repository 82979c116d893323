using System.Net;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Security.Rbac;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Api.Tests.Security;

/// <summary>
/// Tenant B's data, made once for the class: a session whose finished request left files in its workspace, and a
/// session whose release workflow waits at its approval step.
/// </summary>
public sealed class TenantBFixture : IAsyncLifetime
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";

    /// <summary>Strings that occur only in B's data: none may reach a user of A.</summary>
    public static readonly string[] Secrets = ["owner-of-b-7f3e", "LoginService", "Files written", "ship the b-exporter"];

    public SecurityAppFactory Factory { get; } = new();

    public ApiClient B { get; private set; } = null!;

    public SessionSnapshot Finished { get; private set; } = null!;

    public SessionSnapshot Waiting { get; private set; } = null!;

    public string FinishedWorkflowId { get; private set; } = "";

    public string WaitingWorkflowId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        B = new ApiClient(await Factory.CreateAuthenticatedClientAsync(TenantB, BuiltInRoles.Admin));
        Finished = await B.CreateSessionAsync("owner-of-b-7f3e");
        FinishedWorkflowId = (await B.SubmitAsync(Finished.Id, "add a login API with tests")).WorkflowId;
        Assert.Equal(WorkflowStatus.Completed, (await B.WaitForWorkflowAsync(Finished.Id, FinishedWorkflowId)).Status);

        Waiting = await B.CreateSessionAsync("owner-of-b-7f3e");
        var submitted = await B.Http.PostAsJsonAsync($"/v1/sessions/{Waiting.Id}/requests", new { text = "ship the b-exporter", template = "release" });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        WaitingWorkflowId = (await submitted.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!.WorkflowId;
        await B.ReadEventsAsync(Waiting.Id, null, events => events.Any(e => e.WorkflowId == WaitingWorkflowId && e.Kind == SessionEventKind.StepAwaitingApproval));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>What of B's state an attack could change, as B reads it.</summary>
    public async Task<string> StateAsync()
    {
        var finished = (await B.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{Finished.Id}", ApiClient.Json))!;
        var waiting = (await B.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{Waiting.Id}", ApiClient.Json))!;
        var release = (await B.Http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{WaitingWorkflowId}", ApiClient.Json))!;
        var files = (await B.Http.GetFromJsonAsync<WorkspaceFile[]>($"/v1/sessions/{Finished.Id}/workspace", ApiClient.Json))!;
        return string.Join(" | ",
            $"{finished.Status} {finished.Requests.Length} {finished.EndReason}",
            $"{waiting.Status} {waiting.Requests.Length} {waiting.EndReason}",
            $"{release.Status} " + string.Join(",", release.Steps.Select(s => $"{s.Id}={s.Status}")),
            string.Join(",", files.Select(f => $"{f.Path}:{f.Hash}")));
    }
}

/// <summary>
/// A user of tenant A — an admin of A, the strongest role there is — cannot read, list, stream, approve, cancel, pause or
/// download anything of tenant B, whatever ids or tenant header they send: the answer is 403 or 404 (400 for a tenant header
/// naming another tenant than the credential's, or an id that
/// is not an id), never B's data, and B's state is unchanged afterwards.
/// </summary>
public sealed class CrossTenantTests(TenantBFixture b) : IClassFixture<TenantBFixture>
{
    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.BadRequest];

    /// <summary>The ways A may try to name B's things: B's bare ids, and B's ids with B named in the tenant header A picks.</summary>
    private async Task<IEnumerable<(string How, HttpClient Http)>> AttackersAsync()
    {
        var plain = await b.Factory.CreateAuthenticatedClientAsync(TenantBFixture.TenantA, BuiltInRoles.Admin);
        var withHeader = await b.Factory.CreateAuthenticatedClientAsync(TenantBFixture.TenantA, BuiltInRoles.Admin);
        withHeader.DefaultRequestHeaders.Remove(TDeveloper.Api.Security.Identity.TenantHeaderGuardMiddleware.TenantHeader);
        withHeader.DefaultRequestHeaders.Add(TDeveloper.Api.Security.Identity.TenantHeaderGuardMiddleware.TenantHeader, TenantBFixture.TenantB);
        return [("A's credential", plain), ("A's credential naming tenant B in X-Tenant-Id", withHeader)];
    }

    private static async Task AssertRefusedAsync(string how, string what, HttpResponseMessage response, params HttpStatusCode[] also)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(Refusals.Contains(response.StatusCode) || also.Contains(response.StatusCode), $"{how}: {what} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var secret in TenantBFixture.Secrets) Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_another_tenant_cannot_read_list_or_download_anything()
    {
        string[] reads =
        [
            $"/v1/sessions/{b.Finished.Id}",
            $"/v1/sessions/{b.Finished.Id}/agents",
            $"/v1/sessions/{b.Finished.Id}/usage",
            $"/v1/sessions/{b.Finished.Id}/workspace",
            $"/v1/sessions/{b.Finished.Id}/workspace/files/src/LoginService.cs",
            $"/v1/sessions/{b.Finished.Id}/workspace.zip",
            $"/v1/workflows/{b.FinishedWorkflowId}",
            $"/v1/workflows/{b.WaitingWorkflowId}",
        ];
        foreach (var (how, http) in await AttackersAsync())
        {
            foreach (var path in reads) await AssertRefusedAsync(how, $"GET {path}", await http.GetAsync(path));

            // An id that smuggles the tenant in is not an id at all.
            await AssertRefusedAsync(how, "a tenant-prefixed id", await http.GetAsync($"/v1/sessions/{TenantBFixture.TenantB}%2F{b.Finished.Id}"), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_user_of_another_tenant_cannot_stream_its_events()
    {
        foreach (var (how, http) in await AttackersAsync())
        {
            foreach (var query in new[] { "", "?after=0" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{b.Finished.Id}/events{query}");
                request.Headers.Add("Last-Event-ID", "0");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
                await AssertRefusedAsync(how, "the event stream", response);
            }
        }
    }

    [Fact]
    public async Task A_user_of_another_tenant_cannot_approve_cancel_pause_resume_complete_or_submit_and_nothing_changes()
    {
        var before = await b.StateAsync();
        var approval = new { approved = true, comment = "from A", decidedBy = "mallory" };
        foreach (var (how, http) in await AttackersAsync())
        {
            await AssertRefusedAsync(how, "approve", await http.PostAsJsonAsync($"/v1/workflows/{b.WaitingWorkflowId}/steps/approval/approval", approval));
            await AssertRefusedAsync(how, "pause workflow", await http.PostAsync($"/v1/workflows/{b.WaitingWorkflowId}/pause", null));
            await AssertRefusedAsync(how, "resume workflow", await http.PostAsync($"/v1/workflows/{b.WaitingWorkflowId}/resume", null));
            await AssertRefusedAsync(how, "cancel workflow", await http.DeleteAsync($"/v1/workflows/{b.WaitingWorkflowId}?reason=mallory"));
            await AssertRefusedAsync(how, "pause session", await http.PostAsync($"/v1/sessions/{b.Waiting.Id}/pause", null));
            await AssertRefusedAsync(how, "resume session", await http.PostAsync($"/v1/sessions/{b.Waiting.Id}/resume", null));
            await AssertRefusedAsync(how, "complete session", await http.PostAsync($"/v1/sessions/{b.Finished.Id}/complete", null));
            await AssertRefusedAsync(how, "submit", await http.PostAsJsonAsync($"/v1/sessions/{b.Waiting.Id}/requests", new { text = "exfiltrate" }));
            await AssertRefusedAsync(how, "cancel session", await http.DeleteAsync($"/v1/sessions/{b.Waiting.Id}?reason=mallory"));
            await AssertRefusedAsync(how, "cancel the other session", await http.DeleteAsync($"/v1/sessions/{b.Finished.Id}"));
        }

        Assert.Equal(before, await b.StateAsync());
        Assert.Contains("AwaitingApproval", before);
    }

    [Fact]
    public async Task A_user_of_another_tenant_cannot_read_its_usage_or_roles()
    {
        var bUsage = await b.B.Http.GetStringAsync("/v1/usage");
        foreach (var (how, http) in await AttackersAsync())
        {
            var usage = await http.GetAsync("/v1/usage");
            if (how.Contains("X-Tenant-Id", StringComparison.Ordinal)) await AssertRefusedAsync(how, "usage", usage);
            else Assert.NotEqual(bUsage, await usage.Content.ReadAsStringAsync()); // A's own usage, which is empty
        }

        var a = await b.Factory.CreateAuthenticatedClientAsync(TenantBFixture.TenantA, BuiltInRoles.Admin);
        var put = await a.PutAsJsonAsync("/v1/rbac/roles/spy", new { rules = new[] { new { effect = "Allow", actions = new[] { "*" }, resources = new[] { "tenants/tenant-b/**" } } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode); // A may define roles in A; a rule naming B's resources grants nothing there
        var spy = await b.Factory.CreateAuthenticatedClientAsync(TenantBFixture.TenantA, "spy");
        await AssertRefusedAsync("a role of A naming B's resources", "GET session", await spy.GetAsync($"/v1/sessions/{b.Finished.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await spy.GetAsync("/v1/templates")).StatusCode);
    }

    [Fact]
    public async Task The_grains_refuse_a_caller_of_another_tenant_even_when_the_api_is_bypassed()
    {
        var grains = b.Factory.Services.GetRequiredService<IGrainFactory>();
        CallerContext.Set(new CallerIdentity { Tenant = TenantBFixture.TenantA, Subject = "mallory", Roles = [BuiltInRoles.Admin] });
        try
        {
            var session = grains.GetGrain<ISessionGrain>(GrainKeys.Session(TenantBFixture.TenantB, b.Waiting.Id));
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => session.CancelAsync("mallory"));
            Assert.Contains("tenant isolation", denied.Reason);
            await Assert.ThrowsAsync<AccessDeniedException>(() => grains.GetGrain<IWorkspaceGrain>(GrainKeys.Session(TenantBFixture.TenantB, b.Finished.Id)).ZipAsync());
        }
        finally
        {
            CallerContext.Set(null);
        }

        Assert.Contains(b.Factory.Audit.Events, e => e is { Kind: AuditEventKinds.AccessDenied, Actor: "mallory", Tenant: TenantBFixture.TenantA } && e.Details["layer"] == "grain");
        Assert.Equal(SessionStatus.Active, (await b.B.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{b.Waiting.Id}", ApiClient.Json))!.Status);
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_write_over_http_nor_at_the_grains()
    {
        var viewer = await b.Factory.CreateAuthenticatedClientAsync(TenantBFixture.TenantB, BuiltInRoles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/v1/sessions/{b.Waiting.Id}")).StatusCode);
        var before = await b.StateAsync();

        var problem = await ProblemAssert.IsProblemAsync(await viewer.PostAsync($"/v1/sessions/{b.Waiting.Id}/pause", null), HttpStatusCode.Forbidden);
        Assert.Contains("sessions:write", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await viewer.PostAsJsonAsync($"/v1/workflows/{b.WaitingWorkflowId}/steps/approval/approval", new { approved = true }), HttpStatusCode.Forbidden);

        // The silo's own client, which the API it hosts uses, is outside the grains: its calls are checked for permissions too.
        var grains = b.Factory.Services.GetRequiredService<IGrainFactory>();
        CallerContext.Set(new CallerIdentity { Tenant = TenantBFixture.TenantB, Subject = "viola", Roles = [BuiltInRoles.Viewer] });
        try
        {
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => grains.GetGrain<ISessionGrain>(GrainKeys.Session(TenantBFixture.TenantB, b.Waiting.Id)).PauseAsync());
            Assert.Equal(Permissions.SessionsWrite, denied.Action);
            Assert.NotNull(await grains.GetGrain<ISessionGrain>(GrainKeys.Session(TenantBFixture.TenantB, b.Waiting.Id)).GetAsync());
        }
        finally
        {
            CallerContext.Set(null);
        }

        Assert.Equal(before, await b.StateAsync());
        Assert.Contains(b.Factory.Audit.Events, e => e.Kind == AuditEventKinds.AccessDenied && e.Tenant == TenantBFixture.TenantB && e.Details["layer"] == "api"
            && e.Resource == $"tenants/tenant-b/sessions/{b.Waiting.Id}");
    }

    [Fact]
    public async Task A_custom_deny_at_equal_priority_beats_the_built_in_allow_over_http()
    {
        const string tenant = "tenant-c";
        var admin = await b.Factory.CreateAuthenticatedClientAsync(tenant, BuiltInRoles.Admin);
        var developer = new ApiClient(await b.Factory.CreateAuthenticatedClientAsync(tenant, BuiltInRoles.Developer));
        var session = await developer.CreateSessionAsync();

        var rule = new { id = "developers-never-cancel", effect = "Deny", actions = new[] { Permissions.SessionsCancel }, resources = new[] { "tenants/*/sessions/*" }, priority = 0 };
        var put = await admin.PutAsJsonAsync($"/v1/rbac/roles/{BuiltInRoles.Developer}", new { rules = new[] { rule } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var view = (await put.Content.ReadFromJsonAsync<RoleView>(ApiClient.Json))!;
        Assert.Equal([RoleSource.BuiltIn, RoleSource.Tenant], view.Layers.Select(l => l.Source).ToArray());

        var problem = await ProblemAssert.IsProblemAsync(await developer.Http.DeleteAsync($"/v1/sessions/{session.Id}"), HttpStatusCode.Forbidden);
        Assert.Contains("developers-never-cancel", problem.GetProperty("detail").GetString());
        // Admin inherits developer, and so its deny.
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync($"/v1/sessions/{session.Id}"), HttpStatusCode.Forbidden);
        Assert.Equal(SessionStatus.Active, (await developer.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await developer.Http.PostAsync($"/v1/sessions/{session.Id}/pause", null)).StatusCode); // only cancel is denied

        // A higher-priority allow for this one session wins over the deny.
        var exception = new { id = "this-one-may-go", effect = "Allow", actions = new[] { Permissions.SessionsCancel }, resources = new[] { $"tenants/{tenant}/sessions/{session.Id}" }, priority = 1 };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/rbac/roles/{BuiltInRoles.Developer}", new { rules = new object[] { rule, exception } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await developer.Http.DeleteAsync($"/v1/sessions/{session.Id}")).StatusCode);

        Assert.Contains(b.Factory.Audit.Events, e => e is { Kind: AuditEventKinds.AccessDenied, Tenant: tenant } && e.Details["reason"].Contains("developers-never-cancel", StringComparison.Ordinal));
        Assert.Contains(b.Factory.Audit.Events, e => e is { Kind: AuditEventKinds.AdminAction, Tenant: tenant } && e.Resource == "tenants/tenant-c/rbac/roles/developer");
    }
}
