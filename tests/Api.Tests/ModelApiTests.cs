using System.Net;
using System.Net.Http.Json;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Models;

namespace TDeveloper.Api.Tests;

/// <summary>What a user sees of the model layer over HTTP: which model answered and why, what it cost, and the output as it is written.</summary>
public class ModelApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    [Fact]
    public async Task Steps_say_which_model_answered_and_usage_adds_up_per_session_and_tenant()
    {
        var api = await ClientOfNewTenantAsync();
        var session = await api.CreateSessionAsync();
        var submitted = await api.SubmitAsync(session.Id, "add a login API with tests");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.All(workflow.Steps, step =>
        {
            Assert.Equal(OfflineChatClient.ModelId, step.Model?.Model);
            Assert.Equal(ModelProviders.Offline, step.Model?.Provider);
            Assert.False(string.IsNullOrWhiteSpace(step.Model?.Reason));
            Assert.Equal(OfflineChatClient.ModelId, Assert.Single(step.Model!.Attempts).Model);
            Assert.True(step.Usage?.InputTokens > 0 && step.Usage.OutputTokens > 0, $"step {step.Id} has no token counts");
        });

        var sessionUsage = (await api.Http.GetFromJsonAsync<UsageBreakdown>($"/v1/sessions/{session.Id}/usage", ApiClient.Json))!;
        var stepTokens = workflow.Steps.Sum(s => s.Usage!.TotalTokens);
        Assert.Equal(stepTokens, sessionUsage.Total.TotalTokens);
        Assert.Equal(workflow.Steps.Length, sessionUsage.Total.Calls);
        Assert.Equal(stepTokens, sessionUsage.ByWorkflow[submitted.WorkflowId].TotalTokens);
        Assert.Equal(stepTokens, sessionUsage.ByModel[OfflineChatClient.ModelId].TotalTokens);

        // The tenant's counter is added before each step's result is reported, so it is complete once the workflow is.
        var tenantUsage = (await api.Http.GetFromJsonAsync<UsageBreakdown>("/v1/usage", ApiClient.Json))!;
        Assert.Equal(sessionUsage.Total, tenantUsage.Total);
        Assert.NotNull(tenantUsage.Since);

        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync("/v1/sessions/s-nope/usage"), HttpStatusCode.NotFound);
        Assert.Contains("tdeveloper_model_tokens", (await factory.GetOnManagementPortAsync("/metrics")).Body);
    }

    [Fact]
    public async Task A_running_step_streams_its_output_over_SSE_before_it_completes()
    {
        var api = await ClientOfNewTenantAsync();
        var session = await api.CreateSessionAsync();
        SubmittedRequest? submitted = null;
        var events = await api.ReadEventsAsync(
            session.Id, null, events => events.Any(e => e.Kind == SessionEventKind.WorkflowCompleted),
            afterFirstEvent: async () => submitted = await api.SubmitAsync(session.Id, "implement a parser"));
        var workflow = (await api.Http.GetFromJsonAsync<WorkflowSnapshot>($"/v1/workflows/{submitted!.WorkflowId}", ApiClient.Json))!;

        var step = Assert.Single(workflow.Steps);
        var deltas = events.Where(e => e.Kind == SessionEventKind.StepOutputDelta && e.StepId == step.Id).ToList();
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.Equal((0L, submitted.WorkflowId, step.Agent), (d.Sequence, d.WorkflowId, d.Agent)));
        Assert.Equal(step.Output, string.Concat(deltas.Select(d => d.Message)));
        var completedAt = events.FindIndex(e => e.Kind == SessionEventKind.StepCompleted && e.StepId == step.Id);
        Assert.True(events.IndexOf(deltas[^1]) < completedAt, "the output arrived after the step completed, not while it ran");
    }

    private async Task<ApiClient> ClientOfNewTenantAsync() =>
        new(await factory.CreateAuthenticatedClientAsync("t" + Guid.NewGuid().ToString("N")[..12]));
}
