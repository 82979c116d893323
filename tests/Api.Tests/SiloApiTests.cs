using System.Net;
using System.Net.Http.Json;
using System.Text;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

public class SiloApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>, IAsyncLifetime
{
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_request_submitted_over_http_runs_to_completion()
    {
        var session = await _api.CreateSessionAsync();
        Assert.Equal(SessionStatus.Active, session.Status);

        var submitted = await _api.SubmitAsync(session.Id, "add a login API with tests");

        Assert.Equal(["code", "test", "security"], submitted.Plan.Plan.Steps.Select(s => s.Id));
        var workflow = await _api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.All(workflow.Steps, s => Assert.Equal(StepStatus.Completed, s.Status));
        Assert.Equal(session.Id, workflow.SessionId);

        var agents = await _api.Http.GetFromJsonAsync<TDeveloper.Grains.Interfaces.Agents.AgentSnapshot[]>($"/v1/sessions/{session.Id}/agents", ApiClient.Json);
        Assert.Equal(["CodeAgent", "SecurityAgent", "TestAgent"], agents!.Select(a => a.Name));
        Assert.All(agents!, a => Assert.Equal(1, a.TasksCompleted));
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-nope/agents"), HttpStatusCode.NotFound);

        var (_, metrics) = await factory.GetOnManagementPortAsync("/metrics");
        Assert.Contains("tdeveloper_requests_submitted", metrics);
        Assert.Contains("tdeveloper_agent_task_duration", metrics);
    }

    [Fact]
    public async Task The_event_stream_reports_every_step_until_the_workflow_completes()
    {
        var session = await _api.CreateSessionAsync();
        using var events = await _api.Http.GetAsync($"/v1/sessions/{session.Id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());

        await _api.SubmitAsync(session.Id, "implement a parser and test it");

        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!seen.Contains(nameof(SessionEventKind.WorkflowCompleted)))
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line?.StartsWith("event:") == true) seen.Add(line["event:".Length..].Trim());
        }

        Assert.Equal(2, seen.Count(e => e == nameof(SessionEventKind.StepStarted)));
        Assert.Equal(2, seen.Count(e => e == nameof(SessionEventKind.StepCompleted)));
    }

    [Fact]
    public async Task A_late_watcher_replays_the_log_and_a_reconnecting_one_resumes_after_its_last_event_id()
    {
        var session = await _api.CreateSessionAsync();
        var submitted = await _api.SubmitAsync(session.Id, "design a cache");
        await _api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        var all = await _api.ReadEventsAsync(session.Id, lastEventId: null, Completed);

        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(SessionEventKind.SessionStatusChanged, all[0].Kind);
        Assert.Equal([SessionEventKind.WorkflowStarted, SessionEventKind.StepStarted, SessionEventKind.StepCompleted, SessionEventKind.WorkflowCompleted], all.Skip(1).Select(e => e.Kind));

        var resumed = await _api.ReadEventsAsync(session.Id, lastEventId: all[2].Sequence, Completed);
        Assert.Equal(all.Skip(3).Select(e => e.Sequence), resumed.Select(e => e.Sequence));
    }

    private static bool Completed(IReadOnlyList<SessionEvent> events) => events.Any(e => e.Kind == SessionEventKind.WorkflowCompleted);

    [Fact]
    public async Task Cancel_ends_the_session_and_a_second_cancel_is_a_conflict()
    {
        var session = await _api.CreateSessionAsync();

        var cancelled = await _api.Http.DeleteAsync($"/v1/sessions/{session.Id}?reason=done");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var snapshot = await cancelled.Content.ReadFromJsonAsync<SessionSnapshot>(ApiClient.Json);
        Assert.Equal(SessionStatus.Completed, snapshot!.Status);

        await ProblemAssert.IsProblemAsync(await _api.Http.DeleteAsync($"/v1/sessions/{session.Id}"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "more" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Malformed_or_incomplete_bodies_are_400_problems_and_change_nothing()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/v1/sessions/{session.Id}/requests";

        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync(url, new StringContent("{\"text\": ", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync(url, new StringContent("{\"text\": 42}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { text = "   " }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { text = new string('x', SubmitRequestInput.MaxTextLength + 1) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync(url, new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);

        var after = await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json);
        Assert.Empty(after!.Requests);
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413()
    {
        // The default limit is 10 MiB; the submit route has its own, larger one (it carries images): see MultimodalApiTests.
        var huge = new StringContent($"{{\"owner\": \"{new string('x', 11 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json");

        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync("/v1/sessions", huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_invalid_ids_are_400()
    {
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-nope"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/workflows/w-nope"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/s-nope/events"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync("/v1/sessions/s-nope/requests", new { text = "x" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/sessions/bad%20id!"), HttpStatusCode.BadRequest);

    }

    [Fact]
    public async Task Sessions_are_isolated_by_the_tenant_of_the_credential()
    {
        var session = await _api.CreateSessionAsync();
        var other = await factory.CreateAuthenticatedClientAsync("other-tenant");

        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/v1/sessions/{session.Id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("other-tenant")]
    [InlineData("no/slashes")]
    public async Task A_tenant_header_other_than_the_credentials_is_a_400_problem_and_changes_nothing(string named)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions") { Content = JsonContent.Create(new { owner = "header" }) };
        request.Headers.Add("X-Tenant-Id", named);

        var problem = await ProblemAssert.IsProblemAsync(await _api.Http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("tenant comes from the credential", problem.GetProperty("detail").GetString());

        using var same = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        same.Headers.Add("X-Tenant-Id", "default");
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.SendAsync(same)).StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    public async Task Operational_endpoints_answer(string path)
    {
        var response = await _api.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (path.StartsWith("/openapi")) Assert.Contains("/v1/sessions/{id}/requests", await response.Content.ReadAsStringAsync());
    }
}
