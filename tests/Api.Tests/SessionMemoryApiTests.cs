using System.Net;
using System.Text.Json;

namespace TDeveloper.Api.Tests;

/// <summary><c>GET /v1/sessions/{id}/memory</c>: what the session's agents shared, searched by keyword (no embedding model is configured here).</summary>
public class SessionMemoryApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    [Fact]
    public async Task A_finished_steps_result_is_found_in_its_sessions_memory_and_listed_without_a_query()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("memory-a"));
        var session = await api.CreateSessionAsync();
        var submitted = await api.SubmitAsync(session.Id, "implement the zebra invoice exporter");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        var output = Assert.Single(workflow.Steps).Output!;

        // The agent shares its result one-way after the step: wait until the search sees it.
        var found = await api.GetUntilAsync<JsonElement>($"/v1/sessions/{session.Id}/memory?query=zebra%20invoice&limit=5", found => found.GetProperty("items").GetArrayLength() > 0, TimeSpan.FromSeconds(10));
        var item = found.GetProperty("items")[0];
        Assert.Equal("result", item.GetProperty("kind").GetString());
        Assert.Equal("CodeAgent", item.GetProperty("source").GetString());
        Assert.Equal("High", item.GetProperty("importance").GetString());
        Assert.Equal(output, item.GetProperty("text").GetString());
        Assert.True(item.GetProperty("keywordOverlap").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("similarity").ValueKind);
        Assert.False(found.GetProperty("vectorSearch").GetBoolean()); // keyword search only: no embedding model

        var none = await GetAsync(api, $"/v1/sessions/{session.Id}/memory?query=kubernetes");
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        var all = await GetAsync(api, $"/v1/sessions/{session.Id}/memory");
        Assert.Equal(all.GetProperty("total").GetInt32(), all.GetProperty("items").GetArrayLength());
        Assert.True(all.GetProperty("total").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?limit=many")]
    public async Task Bad_search_parameters_are_a_400_problem(string query)
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("memory-b"));
        var session = await api.CreateSessionAsync();
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync($"/v1/sessions/{session.Id}/memory{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_query_over_the_longest_is_a_400_problem()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("memory-b"));
        var session = await api.CreateSessionAsync();
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync($"/v1/sessions/{session.Id}/memory?query={new string('a', 1_001)}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_tenants_or_an_unknown_session_is_a_404_and_no_credential_a_401()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("memory-c"));
        var other = new ApiClient(await factory.CreateAuthenticatedClientAsync("memory-d"));
        var session = await api.CreateSessionAsync();

        await ProblemAssert.IsProblemAsync(await other.Http.GetAsync($"/v1/sessions/{session.Id}/memory"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync("/v1/sessions/no-such-session/memory"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync($"/v1/sessions/{session.Id}/memory")).StatusCode);
    }

    private static async Task<JsonElement> GetAsync(ApiClient api, string path)
    {
        var response = await api.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
