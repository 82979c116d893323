using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

public class WorkflowApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>, IAsyncLifetime
{
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Templates_are_listed_and_fetched_by_name()
    {
        var templates = await _api.Http.GetFromJsonAsync<PlanTemplate[]>("/v1/templates", ApiClient.Json);
        Assert.Equal(["bugfix", "feature", "release"], templates!.Select(t => t.Name));

        var feature = await _api.Http.GetFromJsonAsync<PlanTemplate>("/v1/templates/feature", ApiClient.Json);
        Assert.Equal(5, feature!.Plan.Steps.Length);
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync("/v1/templates/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_release_waits_for_approval_given_over_http_then_completes()
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "ship the exporter", template = "release" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var workflowId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflowId").GetString()!;

        await WaitForApprovalAsync(session.Id, workflowId);
        var waiting = await _api.Http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{workflowId}", ApiClient.Json);
        Assert.Equal(WorkflowStatus.Running, waiting!.Status);
        Assert.Equal(StepStatus.AwaitingApproval, waiting.Steps.Single(s => s.Id == "approval").Status);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/workflows/{workflowId}/steps/docs/approval", new { approved = true }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/workflows/{workflowId}/steps/approval/approval", new { comment = "no verdict" }), HttpStatusCode.BadRequest);

        var approved = await _api.Http.PostAsJsonAsync($"/v1/workflows/{workflowId}/steps/approval/approval", new { approved = true, comment = "go", decidedBy = "ana" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var done = await _api.WaitForWorkflowAsync(session.Id, workflowId);
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal("approved by ana: go", done.Steps.Single(s => s.Id == "approval").Output);
    }

    [Fact]
    public async Task An_explicit_plan_with_a_cycle_an_unknown_agent_and_an_unknown_model_is_refused_naming_each_and_nothing_starts()
    {
        var session = await _api.CreateSessionAsync();
        var plan = new
        {
            steps = new object[]
            {
                new { id = "a", agent = "CodeAgent", instruction = "a", dependsOn = new[] { "b" } },
                new { id = "b", agent = "TestAgent", instruction = "b", dependsOn = new[] { "a" } },
                new { id = "c", agent = "WizardAgent", instruction = "c" },
                new { id = "d", agent = "DocsAgent", instruction = "d", models = new[] { "gpt-9" } },
            },
        };

        var problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "custom", plan }), HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("cycle: a → b → a", detail);
        Assert.Contains("unknown agent 'WizardAgent'", detail);
        Assert.Contains("pins model 'gpt-9', which is not in the catalog", detail);
        Assert.Empty((await _api.Http.GetFromJsonAsync<JsonElement>($"/v1/sessions/{session.Id}")).GetProperty("requests").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_template_is_a_400()
    {
        var session = await _api.CreateSessionAsync();

        var problem = await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "x", template = "nope" }), HttpStatusCode.BadRequest);

        Assert.Contains("no plan template 'nope'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_workflow_paused_over_http_resumes_and_completes()
    {
        // A release waits at its approval step until told: the workflow is surely running when it is paused.
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "ship the cache", template = "release" });
        var workflowId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflowId").GetString()!;
        await WaitForApprovalAsync(session.Id, workflowId);

        var paused = await _api.Http.PostAsync($"/v1/workflows/{workflowId}/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(WorkflowStatus.Paused, (await paused.Content.ReadFromJsonAsync<WorkflowSnapshot>(ApiClient.Json))!.Status);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync($"/v1/workflows/{workflowId}/pause", null), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsync($"/v1/workflows/{workflowId}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsJsonAsync($"/v1/workflows/{workflowId}/steps/approval/approval", new { approved = true })).StatusCode);

        Assert.Equal(WorkflowStatus.Completed, (await _api.WaitForWorkflowAsync(session.Id, workflowId)).Status);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync($"/v1/workflows/{workflowId}/resume", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsync("/v1/workflows/w-nope/pause", null), HttpStatusCode.NotFound);

        var cancelled = await _api.Http.DeleteAsync($"/v1/workflows/{workflowId}?reason=late");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(WorkflowStatus.Completed, (await cancelled.Content.ReadFromJsonAsync<WorkflowSnapshot>(ApiClient.Json))!.Status);
        await ProblemAssert.IsProblemAsync(await _api.Http.DeleteAsync("/v1/workflows/w-nope"), HttpStatusCode.NotFound);
    }

    private Task WaitForApprovalAsync(string sessionId, string workflowId) =>
        _api.ReadEventsAsync(sessionId, null, events => events.Any(e => e.WorkflowId == workflowId && e.Kind == SessionEventKind.StepAwaitingApproval));
}
