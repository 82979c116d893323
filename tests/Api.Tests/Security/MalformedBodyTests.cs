using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>
/// Oversized (413), malformed (400), mistyped (400, naming the field) and wrongly typed (415) bodies on every route
/// that reads one, each checked to have changed nothing.
/// </summary>
public class MalformedBodyTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>, IAsyncLifetime
{
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_session_refuses_bad_bodies_and_creates_nothing()
    {
        using var created = new CounterProbe("tdeveloper.sessions.created");

        await ProblemAssert.IsProblemAsync(await PostRawAsync("/v1/sessions", "{\"owner\": ", "application/json"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync("/v1/sessions", "{\"owner\": 42}", "application/json"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync("/v1/sessions", "[1, 2]", "application/json"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync("/v1/sessions", "owner=me", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync("/v1/sessions", new { owner = new string('o', 129) }), "Owner");
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync("/v1/sessions", new { title = new string('t', 257) }), "Title");
        await ProblemAssert.IsProblemAsync(await PostRawAsync("/v1/sessions", $"{{\"owner\": \"{new string('x', 11 * 1024 * 1024)}\"}}", "application/json"), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(0, created.Total);
    }

    [Fact]
    public async Task Submit_refuses_bad_bodies_and_records_no_request()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/v1/sessions/{session.Id}/requests";
        var longInstruction = new string('i', SubmitRequestInput.MaxTextLength + 1);

        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, "{\"text\": \"a\", \"parts\": \"not a list\"}", "application/json"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, "{\"text\": [\"a\"]}", "application/json"), HttpStatusCode.BadRequest);
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync(url, new { text = "a", template = "no/such template" }), "Template");
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync(url, new { text = "a", parts = new[] { new { kind = "text", text = "b", name = new string('n', 257) } } }), "Name");
        var plan = new { steps = new[] { new { id = "code", agent = "CodeAgent", instruction = longInstruction } } };
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { text = "a", plan }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, $"{{\"text\": \"{new string('x', 33 * 1024 * 1024)}\"}}", "application/json"), HttpStatusCode.RequestEntityTooLarge);

        var after = await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json);
        Assert.Empty(after!.Requests);
    }

    [Fact]
    public async Task Approval_refuses_bad_bodies_and_the_step_still_waits()
    {
        var session = await _api.CreateSessionAsync();
        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "ship the exporter", template = "release" });
        var workflowId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workflowId").GetString()!;
        await _api.ReadEventsAsync(session.Id, null, events => events.Any(e => e.WorkflowId == workflowId && e.Kind == Grains.Interfaces.Events.SessionEventKind.StepAwaitingApproval));
        var url = $"/v1/workflows/{workflowId}/steps/approval/approval";

        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, "{\"approved\": tru", "application/json"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, "{\"approved\": \"yes\"}", "application/json"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, "approved=true", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync(url, new { approved = true, comment = new string('c', ApprovalDecision.MaxCommentLength + 1) }), "Comment");
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync(url, new { approved = true, decidedBy = new string('d', 129) }), "DecidedBy");
        await AssertNamesFieldAsync(await _api.Http.PostAsJsonAsync($"/v1/workflows/{workflowId}/steps/not%20a%20step/approval", new { approved = true }), "stepId");
        await ProblemAssert.IsProblemAsync(await PostRawAsync(url, $"{{\"approved\": true, \"comment\": \"{new string('x', 11 * 1024 * 1024)}\"}}", "application/json"), HttpStatusCode.RequestEntityTooLarge);

        var workflow = await _api.Http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{workflowId}", ApiClient.Json);
        Assert.Equal(StepStatus.AwaitingApproval, workflow!.Steps.Single(s => s.Id == "approval").Status);
    }

    [Fact]
    public async Task Query_and_header_parameters_out_of_range_are_400_naming_them()
    {
        var session = await _api.CreateSessionAsync();

        await AssertNamesFieldAsync(await _api.Http.GetAsync($"/v1/sessions/{session.Id}/events?after=-1"), "after");
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync($"/v1/sessions/{session.Id}/events?after=abc"), HttpStatusCode.BadRequest);
        await AssertNamesFieldAsync(await _api.Http.DeleteAsync($"/v1/sessions/{session.Id}?reason={new string('r', 257)}"), "reason");
        await ProblemAssert.IsProblemAsync(await _api.Http.GetAsync($"/v1/sessions/{session.Id}/workspace/files/{new string('p', 300)}"), HttpStatusCode.BadRequest);

        var after = await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json);
        Assert.Equal(SessionStatus.Active, after!.Status);
    }

    private Task<HttpResponseMessage> PostRawAsync(string url, string body, string contentType) =>
        _api.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    /// <summary>Asserts a 400 validation problem whose errors name <paramref name="field"/>.</summary>
    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(p => p.Name).ToList() : [];
        Assert.True(errors.Any(name => name.EndsWith(field, StringComparison.OrdinalIgnoreCase)), $"The problem names {string.Join(", ", errors)}, not {field}: {problem}");
    }
}
