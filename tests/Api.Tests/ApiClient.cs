using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
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

    public async Task<WorkflowSnapshot> WaitForWorkflowAsync(string workflowId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var workflow = (await http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{workflowId}", Json))!;
            if (workflow.Status != WorkflowStatus.Running || DateTime.UtcNow > deadline) return workflow;
            await Task.Delay(100);
        }
    }
}
