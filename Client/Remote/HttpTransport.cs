using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Checkpoints;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Client;

/// <summary>
/// The <see cref="ITDeveloperTransport"/> over the HTTP API (<c>/v1</c>, JSON with enums as strings), a typed <see cref="HttpClient"/>:
/// the tenant is the credential's. Watches are Server-Sent Events resumed with <c>Last-Event-ID</c>.
/// </summary>
public sealed class HttpTransport : ITDeveloperTransport
{
    /// <summary>The JSON settings of the API: web defaults, enums as strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the transport over <paramref name="http"/>, whose base address and credential <c>AddTDeveloperRemoteClient</c> set.</summary>
    public HttpTransport(HttpClient http, IOptions<TDeveloperRemoteClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _timeout = options.Value.RequestTimeout;
        if (options.Value.BaseAddress is { } address) _http.BaseAddress = address;
        _http.Timeout = Timeout.InfiniteTimeSpan; // watches stay open; calls have their own timeout
    }

    /// <inheritdoc />
    public Task<SessionSnapshot> CreateSessionAsync(CreateSessionInput input, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Post, "v1/sessions", new { owner = input.Owner, title = input.Title }, cancellationToken);

    /// <inheritdoc />
    public Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        var parameters = new List<string> { $"limit={query.Limit}" };
        if (query.Status is { } status) parameters.Add($"status={status}");
        if (query.Owner is { } owner) parameters.Add($"owner={Uri.EscapeDataString(owner)}");
        if (query.From is { } from) parameters.Add($"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}");
        if (query.To is { } to) parameters.Add($"to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        if (query.Cursor is { } cursor) parameters.Add($"cursor={Uri.EscapeDataString(cursor)}");
        return SendAsync<SessionPage>(HttpMethod.Get, $"v1/sessions?{string.Join('&', parameters)}", null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionSnapshot> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Get, Session(sessionId), null, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The input has parts (images, audio, documents): the remote client sends text, template and plan only.</exception>
    public Task<SubmittedRequest> SubmitRequestAsync(string sessionId, SubmitRequestInput input, CancellationToken cancellationToken)
    {
        if (!input.Parts.IsDefaultOrEmpty) throw new NotSupportedException("The remote client does not send request parts yet; use the HTTP API's multipart form or the embedded client.");
        var body = new { text = input.Text, template = input.Template, plan = input.Plan, priority = input.Priority, deadline = input.Deadline };
        return SendAsync<SubmittedRequest>(HttpMethod.Post, $"{Session(sessionId)}/requests", body, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionSnapshot> PauseSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Post, $"{Session(sessionId)}/pause", null, cancellationToken);

    /// <inheritdoc />
    public Task<SessionSnapshot> ResumeSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Post, $"{Session(sessionId)}/resume", null, cancellationToken);

    /// <inheritdoc />
    public Task<SessionSnapshot> CompleteSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Post, $"{Session(sessionId)}/complete", null, cancellationToken);

    /// <inheritdoc />
    public Task<SessionSnapshot> CancelSessionAsync(string sessionId, string reason, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Delete, $"{Session(sessionId)}?reason={Uri.EscapeDataString(reason)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<SessionSnapshot> CancelQueuedRequestAsync(string sessionId, string workflowId, CancellationToken cancellationToken) =>
        SendAsync<SessionSnapshot>(HttpMethod.Delete, $"{Session(sessionId)}/requests/{Uri.EscapeDataString(workflowId)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowSnapshot> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken) =>
        SendAsync<WorkflowSnapshot>(HttpMethod.Get, Workflow(workflowId), null, cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowSnapshot> DecideAsync(string workflowId, ApprovalDecision decision, CancellationToken cancellationToken) =>
        SendAsync<WorkflowSnapshot>(HttpMethod.Post, $"{Workflow(workflowId)}/steps/{Uri.EscapeDataString(decision.StepId)}/approval",
            new { approved = decision.Approved, comment = decision.Comment, decidedBy = decision.DecidedBy }, cancellationToken);

    /// <inheritdoc />
    public Task<WorkflowSnapshot> CancelWorkflowAsync(string workflowId, string reason, CancellationToken cancellationToken) =>
        SendAsync<WorkflowSnapshot>(HttpMethod.Delete, $"{Workflow(workflowId)}?reason={Uri.EscapeDataString(reason)}", null, cancellationToken);

    /// <inheritdoc />
    public Task<CheckpointInfo> CheckpointAsync(string sessionId, string? label, CancellationToken cancellationToken) =>
        SendAsync<CheckpointInfo>(HttpMethod.Post, $"{Session(sessionId)}/checkpoints", new { label }, cancellationToken);

    /// <inheritdoc />
    public Task<ImmutableArray<CheckpointInfo>> ListCheckpointsAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<ImmutableArray<CheckpointInfo>>(HttpMethod.Get, $"{Session(sessionId)}/checkpoints", null, cancellationToken);

    /// <inheritdoc />
    public Task<ImmutableArray<AgentSnapshot>> GetAgentsAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<ImmutableArray<AgentSnapshot>>(HttpMethod.Get, $"{Session(sessionId)}/agents", null, cancellationToken);

    /// <inheritdoc />
    public Task<UsageBreakdown> GetSessionUsageAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<UsageBreakdown>(HttpMethod.Get, $"{Session(sessionId)}/usage", null, cancellationToken);

    /// <inheritdoc />
    public Task<ImmutableArray<WorkspaceFile>> ListWorkspaceAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync<ImmutableArray<WorkspaceFile>>(HttpMethod.Get, $"{Session(sessionId)}/workspace", null, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]> GetWorkspaceZipAsync(string sessionId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"{Session(sessionId)}/workspace.zip", null, (content, token) => content.ReadAsByteArrayAsync(token), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<SessionEvent> WatchAsync(string sessionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Session(sessionId)}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (afterSequence > 0) request.Headers.TryAddWithoutValidation("Last-Event-ID", afterSequence.ToString(CultureInfo.InvariantCulture));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ProblemErrors.ReadAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<SessionEvent>(data, Json));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (item.Data is { } e) yield return e;
        }
    }

    /// <inheritdoc />
    public bool IsTransient(Exception exception) =>
        exception is HttpRequestException or IOException or TDeveloperUnavailableException;

    private static string Session(string id) => $"v1/sessions/{Uri.EscapeDataString(id)}";

    private static string Workflow(string id) => $"v1/workflows/{Uri.EscapeDataString(id)}";

    private Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, async (content, token) => (await content.ReadFromJsonAsync<T>(Json, token))!, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, Func<HttpContent, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException unreachable)
        {
            throw new TDeveloperUnavailableException($"The T-Developer API at {_http.BaseAddress} did not answer: {unreachable.Message}", unreachable);
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TDeveloperUnavailableException($"The T-Developer API did not answer {method} {path} within {_timeout}.", timedOut);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode) throw await ProblemErrors.ReadAsync(response, timeout.Token);
            return await read(response.Content, timeout.Token);
        }
    }
}
