using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>Like <see cref="SiloAppFactory"/>, with a clarification threshold over the offline model's confidence in a request no keyword matches (0.5).</summary>
public sealed class DecisionSiloAppFactory : SiloAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TDeveloper:Supervisor:Decision:ClarifyBelow", "0.6");
    }
}

public class DecisionApiTests(DecisionSiloAppFactory factory) : IClassFixture<DecisionSiloAppFactory>, IAsyncLifetime
{
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = new(await factory.CreateAuthenticatedClientAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_clear_request_starts_at_once_and_its_plan_says_why()
    {
        var session = await _api.CreateSessionAsync();

        var submitted = await _api.SubmitAsync(session.Id, "add a login API with tests");

        Assert.Null(submitted.Clarification);
        var decision = submitted.Plan.Decision!;
        Assert.False(decision.NeedsClarification);
        Assert.True(decision.Confidence >= 0.6);
        Assert.Contains(decision.Votes, v => v.Source == "rules" && v.Agent == AgentNames.Test);
        Assert.Contains(decision.Votes, v => v.Source == "classifier" && v.Agent == AgentNames.Test);
        Assert.Equal([AgentNames.Code, AgentNames.Test, AgentNames.Security], submitted.Plan.Plan.Steps.Select(s => s.Agent));
        Assert.Equal(WorkflowStatus.Completed, (await _api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId)).Status);
    }

    [Fact]
    public async Task A_finished_workflow_feeds_the_tenants_history_for_the_next_decision()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.SubmitAsync(session.Id, "write the changelog documentation");
        Assert.DoesNotContain(first.Plan.Decision!.Votes, v => v.Source == "history");
        await _api.WaitForWorkflowAsync(session.Id, first.WorkflowId);

        // The session learns of the end (and records it in the history) in one turn; its snapshot shows the request finished after that turn.
        await _api.GetUntilAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", s => s.Requests.Single().Status == WorkflowStatus.Completed);

        var other = await _api.CreateSessionAsync();
        var second = await _api.SubmitAsync(other.Id, "write the changelog documentation");
        var history = Assert.Single(second.Plan.Decision!.Votes, v => v.Source == "history" && v.Agent == AgentNames.Docs);
        Assert.StartsWith("1/1 succeeded", history.Reason);
    }

    [Fact]
    public async Task An_unclear_request_waits_for_a_clarification_that_the_user_answers_over_http()
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/requests", new { text = "make it better" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var parked = (await response.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;
        var asked = parked.Clarification!;
        Assert.Equal("", parked.WorkflowId);
        Assert.True(parked.Plan.Decision!.NeedsClarification);
        Assert.Contains("Which agents", asked.Question);
        Assert.Equal($"/v1/sessions/{session.Id}/clarifications/{asked.Id}", response.Headers.Location?.OriginalString);

        var read = await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json);
        Assert.Equal(asked.Id, Assert.Single(read!.PendingClarifications).Id);
        Assert.Empty(read.Requests); // nothing started
        var events = await _api.ReadEventsAsync(session.Id, null, e => e.Any(x => x.Kind == SessionEventKind.ClarificationRequested));
        Assert.Equal(asked.Id, events.Single(e => e.Kind == SessionEventKind.ClarificationRequested).Status);

        var url = $"/v1/sessions/{session.Id}/clarifications/{asked.Id}";
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/clarifications/c-nope", new { agents = new[] { AgentNames.Test } }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { agents = new[] { "MagicAgent" } }), HttpStatusCode.BadRequest);

        var answered = await _api.Http.PostAsJsonAsync(url, new { agents = new[] { AgentNames.Test } });
        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        var started = (await answered.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;
        Assert.NotEqual("", started.WorkflowId);
        Assert.Equal([AgentNames.Test], started.Plan.Plan.Steps.Select(s => s.Agent));
        Assert.All(started.Plan.Decision!.Votes, v => Assert.Equal("user", v.Source));
        Assert.Equal(WorkflowStatus.Completed, (await _api.WaitForWorkflowAsync(session.Id, started.WorkflowId)).Status);

        await ProblemAssert.IsProblemAsync(await _api.Http.PostAsJsonAsync(url, new { agents = new[] { AgentNames.Test } }), HttpStatusCode.Conflict);
        var after = await _api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json);
        Assert.Empty(after!.PendingClarifications);
        Assert.Equal(started.WorkflowId, Assert.Single(after.Requests).WorkflowId);
    }

    [Fact]
    public async Task A_clarification_answered_in_words_is_decided_again_with_them()
    {
        var session = await _api.CreateSessionAsync();
        var parked = await _api.SubmitAsync(session.Id, "make it better");

        var answered = await _api.Http.PostAsJsonAsync($"/v1/sessions/{session.Id}/clarifications/{parked.Clarification!.Id}", new { text = "document it in the README" });

        Assert.Equal(HttpStatusCode.Accepted, answered.StatusCode);
        var started = (await answered.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;
        Assert.Equal(AgentNames.Docs, started.Plan.Decision!.Ranking[0].Agent);
        Assert.Contains(AgentNames.Docs, started.Plan.Plan.Steps.Select(s => s.Agent));
        Assert.False(started.Plan.Decision.NeedsClarification);
    }
}
