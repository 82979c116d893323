using TDeveloper.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary>The calls a user makes with curl, over an <see cref="HttpClient"/>.</summary>
public sealed class ApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http => http;

    public async Task<SessionSnapshot> CreateSessionAsync(string owner = "tests")
    {
        var response = await http.PostAsJsonAsync("/v1/sessions", new { owner, title = "api test" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = (await response.Content.ReadFromJsonAsync<SessionSnapshot>(Json))!;
        Assert.Equal($"/v1/sessions/{session.Id}", response.Headers.Location?.OriginalString);
        return session;
    }

    public async Task<SubmittedRequest> SubmitAsync(string sessionId, string text)
    {
        var response = await http.PostAsJsonAsync($"/v1/sessions/{sessionId}/requests", new { text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubmittedRequest>(Json))!;
    }

    /// <summary>
    /// Reads <paramref name="path"/> until <paramref name="until"/> holds: for a fact the API tells only when asked (what a one-way
    /// message or a timer did). The bound (30 s unless <paramref name="within"/>) only ends a hung test.
    /// </summary>
    public Task<T> GetUntilAsync<T>(string path, Func<T, bool> until, TimeSpan? within = null) =>
        Polling.UntilAsync(async () => (await http.GetFromJsonAsync<T>(path, Json))!, until, within ?? TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20),
            value => $"GET {path} did not reach the awaited state in time; last: {JsonSerializer.Serialize(value, Json)}");

    /// <summary>
    /// Waits until the session's event stream (SSE, replayed from the start) announces that the workflow finished,
    /// then reads the workflow: its state is committed before its events are delivered.
    /// </summary>
    public async Task<WorkflowSnapshot> WaitForWorkflowAsync(string sessionId, string workflowId)
    {
        await ReadEventsAsync(sessionId, null, events => events.Any(e => e.WorkflowId == workflowId && e.Kind is SessionEventKind.WorkflowCompleted or SessionEventKind.WorkflowFailed or SessionEventKind.WorkflowCancelled or SessionEventKind.WorkflowCompensated));
        return (await http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{workflowId}", Json))!;
    }

    /// <summary>
    /// Reads the session's event stream after <paramref name="lastEventId"/> until the events read satisfy <paramref name="until"/>,
    /// checking that each logged event's SSE id is its sequence number. The timeout only bounds a hung test.
    /// <paramref name="afterFirstEvent"/> runs once the first event has arrived, when the watcher is surely subscribed to live events.
    /// </summary>
    public async Task<List<SessionEvent>> ReadEventsAsync(string sessionId, long? lastEventId, Func<IReadOnlyList<SessionEvent>, bool> until, Func<Task>? afterFirstEvent = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{sessionId}/events");
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<SessionEvent>();
        string? eventId = null, data = null;
        while (!until(events))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException($"The event stream of {sessionId} ended after {events.Count} events.");
            if (line.StartsWith("id:")) eventId = line["id:".Length..].Trim();
            if (line.StartsWith("data:")) data = line["data:".Length..];
            if (line is not "" || data is null) continue;

            // A blank line ends an event: its id must be its sequence number; a live-only delta has none, so a reconnect resumes after the last logged event.
            var evt = JsonSerializer.Deserialize<SessionEvent>(data, Json)!;
            Assert.Equal(evt.IsLiveOnly ? null : evt.Sequence.ToString(), eventId);
            events.Add(evt);
            (eventId, data) = (null, null);
            if (events.Count == 1 && afterFirstEvent is not null) await afterFirstEvent();
        }

        return events;
    }
}
