using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>A silo whose sessions run one request at a time and queue one more.</summary>
public sealed class QueueSiloAppFactory : SiloAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TDeveloper:Sessions:MaxRunningRequests", "1");
        builder.UseSetting("TDeveloper:Sessions:Queue:MaxDepth", "1");
    }
}

/// <summary><c>POST /v1/sessions/{id}/requests</c> beyond a session's running limit: 202 Queued, 429 when the queue is full, cancel a queued one.</summary>
public class QueueApiTests(QueueSiloAppFactory factory) : IClassFixture<QueueSiloAppFactory>
{
    private static readonly object Blocking = new
    {
        text = "ship it once approved",
        plan = new { steps = new object[] { new { id = "gate", kind = "Approval", instruction = "approve the release" } } },
    };

    [Fact]
    public async Task Beyond_capacity_a_request_is_queued_a_full_queue_is_a_429_and_the_queued_one_starts_when_the_slot_frees()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("queue-a"));
        var session = await api.CreateSessionAsync();
        var requests = $"/v1/sessions/{session.Id}/requests";

        var blocking = await api.Http.PostAsJsonAsync(requests, Blocking);
        Assert.Equal(HttpStatusCode.Accepted, blocking.StatusCode);
        var blockingBody = await blocking.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Running", blockingBody.GetProperty("status").GetString());
        var blockingId = blockingBody.GetProperty("workflowId").GetString()!;

        var queued = await api.Http.PostAsJsonAsync(requests, new { text = "implement the csv exporter", priority = "High", deadline = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var queuedBody = await queued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Queued", queuedBody.GetProperty("status").GetString());
        Assert.Equal(1, queuedBody.GetProperty("queuePosition").GetInt32());
        var queuedId = queuedBody.GetProperty("workflowId").GetString()!;

        var full = await ProblemAssert.IsProblemAsync(await api.Http.PostAsJsonAsync(requests, new { text = "implement the pdf exporter" }), HttpStatusCode.TooManyRequests);
        Assert.Contains("queue is full", full.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsJsonAsync(requests, new { text = "too late", deadline = DateTimeOffset.UtcNow.AddMinutes(-5) }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await api.Http.PostAsJsonAsync(requests, new { text = "now", priority = "Urgent" }), HttpStatusCode.BadRequest);

        // Cancelled while queued: it leaves the queue, so another fits.
        var cancelled = await api.Http.DeleteAsync($"{requests}/{queuedId}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var afterCancel = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cancelled", afterCancel.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("workflowId").GetString() == queuedId).GetProperty("status").GetString());
        await ProblemAssert.IsProblemAsync(await api.Http.DeleteAsync($"{requests}/{blockingId}"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await api.Http.DeleteAsync($"{requests}/w-unknown"), HttpStatusCode.NotFound);

        var next = await api.Http.PostAsJsonAsync(requests, new { text = "implement the json exporter", priority = "Low" });
        var nextBody = await next.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Queued", nextBody.GetProperty("status").GetString());
        var nextId = nextBody.GetProperty("workflowId").GetString()!;
        var waiting = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/sessions/{session.Id}");
        var record = waiting.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("workflowId").GetString() == nextId);
        Assert.Equal(("Queued", "Low"), (record.GetProperty("status").GetString(), record.GetProperty("priority").GetString()));

        // The slot frees: the queued request starts by itself and completes.
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsJsonAsync($"/v1/workflows/{blockingId}/steps/gate/approval", new { approved = true })).StatusCode);
        var done = await api.WaitForWorkflowAsync(session.Id, nextId);
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/v1/workflows/{queuedId}")).StatusCode);
    }
}
