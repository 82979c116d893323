using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests.Operations;

/// <summary>One request through the Gateway, its Orleans client, the silo's grains and the model: every span in one trace, each parent present.</summary>
public sealed class TraceChainTests : SiloAndGateway
{
    private const string OfflineModel = "offline-deterministic-1";
    [Fact]
    public async Task A_request_is_one_unbroken_trace_from_the_http_span_to_the_model_calls()
    {
        var api = new ApiClient(await Gateway.CreateAuthenticatedClientAsync());
        var session = await api.CreateSessionAsync();

        // The caller's own trace: every span of the request must join it.
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        var agentTasksEnded = 0;
        var allAgentTasksEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var steps = int.MaxValue;
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => options.Parent.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId != traceId) return;
                spans.Enqueue(activity);
                if (activity.OperationName == "agent.task" && Interlocked.Increment(ref agentTasksEnded) >= Volatile.Read(ref steps)) allAgentTasksEnded.TrySetResult();
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session.Id}/requests") { Content = JsonContent.Create(new { text = "add a login API with tests" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = (await response.Content.ReadFromJsonAsync<SubmittedRequest>(ApiClient.Json))!;
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Volatile.Write(ref steps, workflow.Steps.Length);
        if (Volatile.Read(ref agentTasksEnded) >= workflow.Steps.Length) allAgentTasksEnded.TrySetResult();
        // An agent's span ends once its report is acknowledged; the bound only ends a broken chain (agent spans in another trace).
        var ended = await Task.WhenAny(allAgentTasksEnded.Task, Task.Delay(TimeSpan.FromSeconds(30))) == allAgentTasksEnded.Task;
        Assert.True(ended, $"{Volatile.Read(ref agentTasksEnded)} of {workflow.Steps.Length} agent.task spans joined the trace; it has: {string.Join(", ", spans.Select(s => s.OperationName).Distinct())}");

        var all = spans.ToArray();
        var byId = all.ToDictionary(s => s.SpanId);
        var orphans = all.Where(s => s.ParentSpanId != callerSpan && !byId.ContainsKey(s.ParentSpanId)).Select(s => $"{s.Source.Name}/{s.OperationName}").ToList();
        Assert.True(orphans.Count == 0, $"Spans whose parent is not in the trace: {string.Join(", ", orphans)}");

        var server = Assert.Single(all, s => s.Source.Name == "Microsoft.AspNetCore" && s.ParentSpanId == callerSpan);
        Assert.Contains(all, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Kind == ActivityKind.Client && s.ParentSpanId == server.SpanId); // the Gateway's Orleans client
        var submit = Assert.Single(all, s => s.OperationName == "session.submit");
        Assert.Equal(session.Id, submit.GetTagItem("tdeveloper.session"));
        Assert.Equal("default", submit.GetTagItem("tdeveloper.tenant"));
        Assert.Contains(all, s => s.OperationName == "workflow.start" && (string?)s.GetTagItem("tdeveloper.workflow") == submitted.WorkflowId);
        Assert.Equal(workflow.Steps.Length, all.Count(s => s.OperationName == "workflow.dispatch"));
        Assert.Equal(workflow.Steps.Length, all.Count(s => s.OperationName == "workflow.step_finished"));

        var modelCalls = all.Where(s => s.OperationName == "model.call").ToList(); // the agents' and any the decision made
        Assert.Equal(workflow.Steps.Length, modelCalls.Count(c => byId[c.ParentSpanId].OperationName == "agent.task"));
        foreach (var call in modelCalls)
        {
            // Up from the model call to the HTTP server span.
            var chain = new List<string>();
            for (var span = call; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId)) chain.Add(span.OperationName);
            Assert.Contains("session.submit", chain);
            Assert.Equal(server.OperationName, chain[^1]);
            Assert.Equal(OfflineModel, call.GetTagItem("tdeveloper.model"));
            Assert.True((long)call.GetTagItem("tdeveloper.tokens.output")! > 0);
            if (chain[1] != "agent.task") continue;

            Assert.Contains("workflow.dispatch", chain);
            var agentTask = byId[call.ParentSpanId];
            Assert.NotNull(agentTask.GetTagItem("tdeveloper.step"));
            Assert.NotNull(agentTask.GetTagItem("tdeveloper.agent"));
            Assert.Equal(submitted.WorkflowId, agentTask.GetTagItem("tdeveloper.workflow"));
        }
    }
}
