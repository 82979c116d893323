using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Sessions.Reports;
using TDeveloper.Grains.Interfaces.Workflows;

namespace TDeveloper.Api.Tests;

/// <summary><c>GET /v1/sessions/{id}/report</c>: a session's timeline, steps and totals after a request ran through the offline model.</summary>
public class SessionReportApiTests(SiloAppFactory factory) : IClassFixture<SiloAppFactory>
{
    [Fact]
    public async Task The_report_has_the_requests_steps_tokens_and_timeline()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("t" + Guid.NewGuid().ToString("N")[..12]));
        var session = await api.CreateSessionAsync();
        var submitted = await api.SubmitAsync(session.Id, "add a login API with tests");
        var workflow = await api.WaitForWorkflowAsync(session.Id, submitted.WorkflowId);
        Assert.Equal(WorkflowStatus.Completed, workflow.Status);

        var response = await api.Http.GetAsync($"/v1/sessions/{session.Id}/report");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var report = System.Text.Json.JsonSerializer.Deserialize<SessionReport>(body, ApiClient.Json)!;

        Assert.Equal(session.Id, report.SessionId);
        Assert.Equal(SessionStatus.Active, report.Status);
        Assert.Equal(workflow.Steps.Select(s => (submitted.WorkflowId, s.Id, s.Agent, s.Status, s.Attempts)), report.Steps.Select(s => (s.WorkflowId, s.StepId, s.Agent, s.Status, s.Attempts)));
        Assert.All(report.Steps, step => Assert.True(step.Usage.TotalTokens > 0 && step.Duration >= TimeSpan.Zero, $"step {step.StepId}: no tokens or duration"));
        var usage = (await api.Http.GetFromJsonAsync<UsageBreakdown>($"/v1/sessions/{session.Id}/usage", ApiClient.Json))!;
        Assert.Equal(usage.Total, report.Totals.Usage);
        Assert.Equal(workflow.Steps.Sum(s => s.Usage!.TotalTokens), report.Totals.Usage.TotalTokens);
        Assert.Equal((1, workflow.Steps.Length, 0, 0.0), (report.Totals.Workflows, report.Totals.FinishedSteps, report.Totals.FailedSteps, report.Totals.ErrorRate));
        Assert.True(report.Totals.StateBytes > 0 && report.Totals.MemoryBytes >= report.Totals.StateBytes);
        Assert.True(report.Totals.MemoryItems > 0, "the agents' memory tiers hold the finished tasks"); // each task leaves two items
        Assert.True(report.Totals.Duration > TimeSpan.Zero);
        Assert.Empty(report.Alerts);

        // The timeline: the session became active, then its request's workflow started and completed; no step events.
        var timeline = report.Timeline.Select(e => (e.Kind, e.Status, e.WorkflowId)).ToList();
        Assert.Equal((SessionEventKind.SessionStatusChanged, "Active", (string?)null), timeline[0]);
        Assert.Contains((SessionEventKind.WorkflowStarted, "Running", submitted.WorkflowId), timeline);
        Assert.Contains((SessionEventKind.WorkflowCompleted, "Completed", submitted.WorkflowId), timeline);
        Assert.DoesNotContain(report.Timeline, e => e.Kind is SessionEventKind.StepStarted or SessionEventKind.StepCompleted);
        Assert.Equal(report.Timeline.OrderBy(e => e.Sequence).Select(e => e.Sequence), report.Timeline.Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_unknown_session_is_a_404_problem_and_a_caller_needs_a_credential()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("t" + Guid.NewGuid().ToString("N")[..12]));
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync("/v1/sessions/s-nope/report"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/v1/sessions/s-nope/report")).StatusCode);
    }
}

/// <summary>A silo whose sessions heartbeat every 0.2 s and alert past 1 s of age.</summary>
public sealed class FastAlertAppFactory : SiloAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("TDeveloper:Sessions:HeartbeatInterval", "00:00:00.200");
        builder.UseSetting("TDeveloper:Sessions:Monitoring:DurationThreshold", "00:00:01");
    }
}

/// <summary>A session past the duration threshold raises one alert: a SessionAlert event, the report's current alert and the metric.</summary>
public class SessionAlertApiTests(FastAlertAppFactory factory) : IClassFixture<FastAlertAppFactory>
{
    [Fact]
    public async Task A_session_past_the_duration_threshold_raises_one_alert_event_for_the_crossing()
    {
        var api = new ApiClient(await factory.CreateAuthenticatedClientAsync("t" + Guid.NewGuid().ToString("N")[..12]));
        var session = await api.CreateSessionAsync();

        var events = await api.ReadEventsAsync(session.Id, null, events => events.Any(e => e.Kind == SessionEventKind.SessionAlert));
        var alert = events.Single(e => e.Kind == SessionEventKind.SessionAlert);
        Assert.Equal(nameof(SessionAlertKind.Duration), alert.Status);
        Assert.EndsWith("is over 1 s", alert.Message);

        // Several more heartbeats pass (the session's own record of them); the alert is not raised again.
        var after = alert.At;
        await api.GetUntilAsync<SessionSnapshot>($"/v1/sessions/{session.Id}", s => s.LastHeartbeatAt >= after.AddSeconds(1));

        var report = (await api.Http.GetFromJsonAsync<SessionReport>($"/v1/sessions/{session.Id}/report", ApiClient.Json))!;
        Assert.Single(report.Timeline, e => e.Kind == SessionEventKind.SessionAlert);
        var current = Assert.Single(report.Alerts);
        Assert.Equal((SessionAlertKind.Duration, 1.0), (current.Kind, current.Threshold));
        Assert.Contains("tdeveloper_sessions_alerts", (await factory.GetOnManagementPortAsync("/metrics")).Body);
    }
}
