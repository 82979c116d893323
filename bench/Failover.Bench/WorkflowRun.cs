using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace TDeveloper.Bench;

/// <summary>
/// One workflow under test, in its own session, and the step progress seen for it: each step start
/// and completion with the time the silo gave it, gathered from the session's events (SSE) or from
/// polling the workflow, and from its final state.
/// </summary>
public sealed class WorkflowRun(HttpClient http, string sessionId, string workflowId)
{
    private static readonly string[] FinalEvents = ["WorkflowCompleted", "WorkflowFailed", "WorkflowCancelled", "WorkflowCompensated"];
    private readonly ConcurrentDictionary<(string Kind, string Step, DateTimeOffset At), byte> _progress = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the session id.</summary>
    public string SessionId { get; } = sessionId;

    /// <summary>Gets the workflow id.</summary>
    public string WorkflowId { get; } = workflowId;

    /// <summary>Gets a task that completes when the workflow is seen to finish.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Gets how many steps are seen completed.</summary>
    public int StepsCompleted => _progress.Keys.Where(p => p.Kind == "StepCompleted").Select(p => p.Step).Distinct().Count();

    /// <summary>Gets the time of the first step start or completion after <paramref name="at"/>.</summary>
    public DateTimeOffset? FirstProgressAfter(DateTimeOffset at) =>
        _progress.Keys.Where(p => p.At > at).Select(p => (DateTimeOffset?)p.At).Min();

    /// <summary>Gets whether the workflow was seen to finish before <paramref name="at"/>.</summary>
    public bool FinishedBefore(DateTimeOffset at) => _progress.Keys.Any(p => FinalEvents.Contains(p.Kind) && p.At <= at);

    /// <summary>
    /// Reads the session's events as Server-Sent Events without touching the workflow grain (a read
    /// would reactivate it and so hide how long the cluster alone takes). A connection that stays
    /// silent is replaced, resuming with Last-Event-ID, since live delivery may die with a silo.
    /// </summary>
    public async Task WatchEventsAsync(CancellationToken cancellationToken)
    {
        var lastEventId = 0L;
        while (!cancellationToken.IsCancellationRequested && !Finished.IsCompleted)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{SessionId}/events");
                if (lastEventId > 0) request.Headers.Add("Last-Event-ID", lastEventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(idle.Token));
                string? kind = null;
                while (await reader.ReadLineAsync(idle.Token) is { } line)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal)) kind = line[6..].Trim();
                    else if (line.StartsWith("id:", StringComparison.Ordinal)) lastEventId = long.Parse(line[3..], System.Globalization.CultureInfo.InvariantCulture);
                    else if (line.StartsWith("data:", StringComparison.Ordinal) && kind is not null)
                    {
                        using var data = JsonDocument.Parse(line[5..]);
                        OnEvent(kind, data.RootElement);
                        idle.CancelAfter(TimeSpan.FromSeconds(5));
                    }
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
            {
                await Task.Delay(100, CancellationToken.None); // silent, refused or broken: connect again
            }
        }
    }

    /// <summary>Polls the workflow every 100 ms (this reactivates it wherever it was, as any client reading it would).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !Finished.IsCompleted)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await GetAsync(attempt.Token);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
            {
                // A read that fails or hangs while the cluster recovers; the next poll tries again.
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Reads the workflow, records the progress its steps show, and returns it.</summary>
    public async Task<JsonElement> GetAsync(CancellationToken cancellationToken)
    {
        var workflow = await http.GetFromJsonAsync<JsonElement>($"/v1/workflows/{WorkflowId}", cancellationToken);
        foreach (var step in workflow.GetProperty("steps").EnumerateArray())
        {
            var id = step.GetProperty("id").GetString()!;
            if (Time(step, "startedAt") is { } started) _progress.TryAdd(("StepStarted", id, started), 0);
            if (step.GetProperty("status").GetString() == "Completed" && Time(step, "finishedAt") is { } finished) _progress.TryAdd(("StepCompleted", id, finished), 0);
        }

        var status = workflow.GetProperty("status").GetString();
        if (status is not ("Running" or "Paused" or "Compensating"))
        {
            _progress.TryAdd(("Workflow" + status, "", Time(workflow, "finishedAt") ?? DateTimeOffset.UtcNow), 0);
            _finished.TrySetResult();
        }

        return workflow;
    }

    private void OnEvent(string kind, JsonElement data)
    {
        if (data.TryGetProperty("workflowId", out var id) && id.GetString() != WorkflowId) return;
        if (kind is "StepStarted" or "StepCompleted" || FinalEvents.Contains(kind))
        {
            _progress.TryAdd((kind, data.TryGetProperty("stepId", out var step) ? step.GetString() ?? "" : "", Time(data, "at")!.Value), 0);
        }

        if (FinalEvents.Contains(kind)) _finished.TrySetResult();
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
