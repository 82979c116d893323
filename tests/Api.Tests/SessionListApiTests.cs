using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using TDeveloper.Grains.Interfaces.Sessions;

namespace TDeveloper.Api.Tests;

/// <summary><c>GET /v1/sessions</c> (paging, filters, the caller's tenant only) and the lifecycle's 409s.</summary>
public class SessionListApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    private static async Task<SessionPage> ListAsync(ApiClient api, string query)
    {
        var response = await api.Http.GetAsync("/v1/sessions" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<SessionPage>(body, ApiClient.Json)!;
    }

    [Fact]
    public async Task Lists_the_tenants_sessions_newest_first_in_pages_and_filtered()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("list-a"));
        var other = new ApiClient(await factory.CreateAuthenticatedClientAsync("list-b"));
        var created = new List<SessionSnapshot>();
        for (var i = 0; i < 5; i++) created.Add(await api.CreateSessionAsync(i % 2 == 0 ? "ana" : "ben"));
        var foreign = await other.CreateSessionAsync("ana");
        Assert.True((await api.Http.DeleteAsync($"/v1/sessions/{created[0].Id}")).IsSuccessStatusCode);
        Assert.True((await api.Http.PostAsync($"/v1/sessions/{created[1].Id}/pause", null)).IsSuccessStatusCode);

        // Paging: limit 2 walks all five once, newest first, and the last page has no cursor.
        var seen = new List<SessionSummary>();
        var page = await ListAsync(api, "?limit=2");
        seen.AddRange(page.Items);
        while (page.Next is { } next)
        {
            Assert.Equal(2, page.Items.Length);
            page = await ListAsync(api, $"?limit=2&cursor={Uri.EscapeDataString(next)}");
            seen.AddRange(page.Items);
        }

        Assert.Equal(created.Select(s => s.Id).OrderBy(id => id), seen.Select(s => s.Id).OrderBy(id => id));
        Assert.Equal(seen.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id), seen.Select(s => s.Id));
        Assert.DoesNotContain(seen, s => s.Id == foreign.Id); // another tenant's session is never listed

        // Filters: status, owner and creation time.
        Assert.Equal([created[0].Id], (await ListAsync(api, "?status=completed")).Items.Select(s => s.Id));
        Assert.Equal([created[1].Id], (await ListAsync(api, "?status=Paused")).Items.Select(s => s.Id));
        Assert.Equal(new[] { created[2].Id, created[4].Id }.Order(), (await ListAsync(api, "?status=active&owner=ana")).Items.Select(s => s.Id).Order());
        var from = Uri.EscapeDataString(created[3].CreatedAt.ToString("O"));
        var inWindow = (await ListAsync(api, $"?from={from}")).Items.Select(s => s.Id).ToList();
        Assert.Contains(created[3].Id, inWindow);
        Assert.Contains(created[4].Id, inWindow);
        Assert.DoesNotContain(created[0].Id, inWindow);
        Assert.Empty((await ListAsync(api, $"?to={Uri.EscapeDataString(created[0].CreatedAt.ToString("O"))}")).Items);
        Assert.Equal([foreign.Id], (await ListAsync(other, "")).Items.Select(s => s.Id));

        // The index keeps no title or requests.
        var json = await api.Http.GetStringAsync("/v1/sessions");
        Assert.DoesNotContain("api test", json);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?status=sleeping")]
    [InlineData("?status=None")]
    [InlineData("?status=5")]
    [InlineData("?cursor=garbage!")]
    [InlineData("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task Bad_list_parameters_are_a_400_problem(string query)
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("list-c"));
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync("/v1/sessions" + query), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Listing_needs_a_credential() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/v1/sessions")).StatusCode);

    [Fact]
    public async Task Illegal_transitions_are_refused_with_409_and_change_nothing()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("list-d"));
        var session = await api.CreateSessionAsync();

        await ProblemAssert.IsProblemAsync(await api.Http.PostAsync($"/v1/sessions/{session.Id}/resume", null), HttpStatusCode.Conflict);
        Assert.True((await api.Http.PostAsync($"/v1/sessions/{session.Id}/pause", null)).IsSuccessStatusCode);
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsync($"/v1/sessions/{session.Id}/pause", null), HttpStatusCode.Conflict);
        Assert.True((await api.Http.PostAsync($"/v1/sessions/{session.Id}/complete", null)).IsSuccessStatusCode);
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsync($"/v1/sessions/{session.Id}/resume", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsync($"/v1/sessions/{session.Id}/pause", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsync($"/v1/sessions/{session.Id}/complete", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await api.Http.DeleteAsync($"/v1/sessions/{session.Id}"), HttpStatusCode.Conflict);

        var ended = (await api.Http.GetFromJsonAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", ApiClient.Json))!;
        Assert.Equal(SessionStatus.Completed, ended.Status);
        Assert.Equal("completed", ended.EndReason);
    }
}

/// <summary>The whole system with small concurrent-session limits: 3 per tenant, 5 in the cluster.</summary>
public sealed class SessionLimitAppFactory : SiloAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TDeveloper:Sessions:MaxConcurrentPerTenant", "3");
        builder.UseSetting("TDeveloper:Sessions:MaxConcurrentPerCluster", "5");
    }
}

public class SessionLimitApiTests(SessionLimitAppFactory factory) : IClassFixture<SessionLimitAppFactory>
{
    private static async Task<int> CountAsync(ApiClient api) =>
        (await api.Http.GetFromJsonAsync<SessionPage>("/v1/sessions?limit=200", ApiClient.Json))!.Items.Length;

    [Fact]
    public async Task Past_the_tenant_or_cluster_limit_creating_is_a_429_and_an_ended_session_frees_its_slot_once()
    {
        var a = new ApiClient(await factory.CreateAuthenticatedClientAsync("limit-a"));
        var b = new ApiClient(await factory.CreateAuthenticatedClientAsync("limit-b"));

        // Concurrent creates of one tenant: exactly three get in.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => a.Http.PostAsJsonAsync("/v1/sessions", new { owner = "ana" })));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Contains("tenant", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(3, await CountAsync(a)); // nothing was created past the limit

        // The cluster holds five: tenant b gets two, then the cluster's limit answers.
        await b.CreateSessionAsync();
        var lastOfCluster = await b.CreateSessionAsync();
        var clusterFull = await ProblemAssert.IsProblemAsync(await b.Http.PostAsJsonAsync("/v1/sessions", new { owner = "ben" }), HttpStatusCode.TooManyRequests);
        Assert.Contains("cluster", clusterFull.GetProperty("detail").GetString());
        Assert.Equal(2, await CountAsync(b));

        // Ending a session frees one slot, once: a repeated cancel (409) frees nothing more.
        Assert.True((await b.Http.DeleteAsync($"/v1/sessions/{lastOfCluster.Id}")).IsSuccessStatusCode);
        await ProblemAssert.IsProblemAsync(await b.Http.DeleteAsync($"/v1/sessions/{lastOfCluster.Id}"), HttpStatusCode.Conflict);
        await b.CreateSessionAsync();
        await ProblemAssert.IsProblemAsync(await b.Http.PostAsJsonAsync("/v1/sessions", new { owner = "ben" }), HttpStatusCode.TooManyRequests);
        await ProblemAssert.IsProblemAsync(await a.Http.PostAsJsonAsync("/v1/sessions", new { owner = "ana" }), HttpStatusCode.TooManyRequests);
    }
}
