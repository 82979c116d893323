using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Interfaces.Events;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Sessions.Reports;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Sessions.Monitoring;

namespace TDeveloper.Unit.Tests.Sessions;

public class SessionMonitoringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SessionMonitoringOptions _options = new();

    /// <summary>A session's alerts as the grain keeps them: changes applied, every raised alert recorded.</summary>
    private sealed class Alerts(SessionMonitor monitor)
    {
        public List<SessionAlert> Active { get; } = [];

        public List<SessionAlert> Raised { get; } = [];

        public List<SessionAlertKind> Cleared { get; } = [];

        public void Apply(SessionSample sample)
        {
            var changes = monitor.Evaluate(sample, Active);
            Active.AddRange(changes.Raised);
            Raised.AddRange(changes.Raised);
            foreach (var kind in changes.Cleared) Active.RemoveAll(a => a.Kind == kind);
            Cleared.AddRange(changes.Cleared);
        }
    }

    private SessionSample At(TimeSpan age, long memory = 1000, int finished = 0, int failed = 0) =>
        new() { At = T0 + age, Duration = age, StateBytes = memory, FinishedSteps = finished, FailedSteps = failed };

    [Fact]
    public void A_session_past_the_duration_threshold_raises_one_alert_however_many_heartbeats_follow()
    {
        var alerts = new Alerts(new SessionMonitor(_options));
        while (_time.GetUtcNow() < T0.AddHours(7.5))
        {
            _time.Advance(Heartbeat);
            alerts.Apply(At(_time.GetUtcNow() - T0));
        }

        var alert = Assert.Single(alerts.Raised);
        Assert.Equal(SessionAlertKind.Duration, alert.Kind);
        Assert.Equal(T0.AddHours(7).Add(Heartbeat), alert.RaisedAt); // the first heartbeat past 7 h, not the one at exactly 7 h
        Assert.Equal(7 * 3600, alert.Threshold);
        Assert.Equal("duration 7.0 h is over 7.0 h", alert.Message);
        Assert.Empty(alerts.Cleared);
    }

    [Fact]
    public void One_failed_step_of_one_is_not_judged_until_the_minimum_of_finished_steps()
    {
        var alerts = new Alerts(new SessionMonitor(_options));

        alerts.Apply(At(TimeSpan.FromMinutes(1), finished: 1, failed: 1)); // 100 %, of one step
        alerts.Apply(At(TimeSpan.FromMinutes(2), finished: 19, failed: 5));
        Assert.Empty(alerts.Raised);

        alerts.Apply(At(TimeSpan.FromMinutes(3), finished: 20, failed: 2)); // 10 % of 20
        var alert = Assert.Single(alerts.Raised);
        Assert.Equal(SessionAlertKind.ErrorRate, alert.Kind);
        Assert.Equal(0.1, alert.Value, 6);
        Assert.Equal("error rate 10.0 % is over 5.0 %", alert.Message);
    }

    [Fact]
    public void An_error_rate_exactly_at_the_threshold_raises_nothing() =>
        Assert.False(new SessionMonitor(_options).Evaluate(At(TimeSpan.FromMinutes(1), finished: 100, failed: 5), []).Any);

    [Fact]
    public void An_alert_is_raised_again_only_after_its_figure_went_back_under_the_threshold()
    {
        var alerts = new Alerts(new SessionMonitor(_options));

        alerts.Apply(At(TimeSpan.FromMinutes(1), finished: 20, failed: 2));  // 10 %: raised
        alerts.Apply(At(TimeSpan.FromMinutes(2), finished: 30, failed: 3));  // still over: nothing new
        alerts.Apply(At(TimeSpan.FromMinutes(3), finished: 100, failed: 3)); // 3 %: cleared
        alerts.Apply(At(TimeSpan.FromMinutes(4), finished: 101, failed: 3)); // still under: nothing
        alerts.Apply(At(TimeSpan.FromMinutes(5), finished: 110, failed: 12)); // 10.9 %: raised again

        Assert.Equal([SessionAlertKind.ErrorRate, SessionAlertKind.ErrorRate], alerts.Raised.Select(a => a.Kind));
        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(5)], alerts.Raised.Select(a => a.RaisedAt));
        Assert.Equal([SessionAlertKind.ErrorRate], alerts.Cleared);
        Assert.Single(alerts.Active);
    }

    [Fact]
    public void Memory_over_the_threshold_counts_the_state_and_the_agents()
    {
        var options = new SessionMonitoringOptions { MemoryThresholdBytes = 10_000 };
        var monitor = new SessionMonitor(options);

        Assert.False(monitor.Evaluate(new SessionSample { At = T0, StateBytes = 6_000, AgentBytes = 4_000 }, []).Any); // exactly at it
        var changes = monitor.Evaluate(new SessionSample { At = T0, StateBytes = 6_000, AgentBytes = 4_001 }, []);

        var alert = Assert.Single(changes.Raised);
        Assert.Equal(SessionAlertKind.Memory, alert.Kind);
        Assert.Equal(10_001, alert.Value);
        Assert.Equal("memory 9.8 KiB is over 9.8 KiB", alert.Message);
    }

    [Fact]
    public void Several_figures_cross_in_one_sample_and_each_raises_its_own_alert()
    {
        var monitor = new SessionMonitor(new SessionMonitoringOptions { MemoryThresholdBytes = 1, DurationThreshold = TimeSpan.FromSeconds(1), ErrorRateMinSteps = 1 });

        var changes = monitor.Evaluate(At(TimeSpan.FromSeconds(2), memory: 2, finished: 1, failed: 1), []);

        Assert.Equal([SessionAlertKind.Memory, SessionAlertKind.Duration, SessionAlertKind.ErrorRate], changes.Raised.Select(a => a.Kind));
    }

    private static WorkflowSnapshot Workflow(string id, WorkflowStatus status, DateTimeOffset? finishedAt, params (string Agent, StepStatus Status, long Tokens)[] steps) => new()
    {
        Id = id, Status = status, FinishedAt = finishedAt, CreatedAt = T0,
        Steps = [.. steps.Select((s, i) => new StepSnapshot
        {
            Id = $"s{i}", Agent = s.Agent, Status = s.Status, Attempts = 1, Kind = StepKind.Agent, StartedAt = T0, FinishedAt = s.Status == StepStatus.Running ? null : T0.AddSeconds(i + 1),
            Usage = new ModelUsage { Calls = 1, InputTokens = s.Tokens, OutputTokens = s.Tokens, CostUsd = s.Tokens / 1000m },
        })],
    };

    [Fact]
    public void The_sampler_reads_a_finished_workflow_once_and_a_running_one_every_heartbeat()
    {
        var sampler = new SessionSampler();
        var now = T0.AddMinutes(10);

        Assert.Equal(["w1", "w2"], sampler.WorkflowsToRead(["w1", "w2"]).ToArray());
        sampler.Update("w1", WorkflowFigures.Of(Workflow("w1", WorkflowStatus.Completed, T0.AddMinutes(1), ("CodeAgent", StepStatus.Completed, 10))), now, Heartbeat);
        sampler.Update("w2", WorkflowFigures.Of(Workflow("w2", WorkflowStatus.Running, null, ("TestAgent", StepStatus.Failed, 5), ("CodeAgent", StepStatus.Running, 0))), now, Heartbeat);

        Assert.Equal(["w2"], sampler.WorkflowsToRead(["w1", "w2"]).ToArray());
        var sample = sampler.Sample(now, T0, stateBytes: 700);
        Assert.Equal(2, sample.Workflows);
        Assert.Equal(2, sample.FinishedSteps);
        Assert.Equal(1, sample.FailedSteps);
        Assert.Equal(30, sample.Usage.TotalTokens);
        Assert.Equal(0.015m, sample.Usage.CostUsd);
        Assert.Equal(TimeSpan.FromMinutes(10), sample.Duration);

        sampler.Update("w2", WorkflowFigures.Of(Workflow("w2", WorkflowStatus.Failed, now.AddSeconds(10), ("TestAgent", StepStatus.Failed, 5))), now.AddSeconds(30), Heartbeat);
        Assert.Empty(sampler.WorkflowsToRead(["w1", "w2"])); // nothing can change any more: no call on the next heartbeats
    }

    [Fact]
    public void The_agents_are_asked_only_when_a_request_ran_since_the_last_sample()
    {
        var sampler = new SessionSampler();
        var now = T0.AddHours(1);

        // After a reactivation: a workflow that finished long ago does not make its agents worth waking.
        sampler.Update("old", WorkflowFigures.Of(Workflow("old", WorkflowStatus.Completed, T0, ("CodeAgent", StepStatus.Completed, 1))), now, Heartbeat);
        Assert.False(sampler.AgentsStale);
        sampler.Sample(now, T0, 100);

        // A request that started and finished between two heartbeats does.
        sampler.Update("new", WorkflowFigures.Of(Workflow("new", WorkflowStatus.Completed, now.AddSeconds(10), ("TestAgent", StepStatus.Completed, 1))), now.AddSeconds(30), Heartbeat);
        Assert.True(sampler.AgentsStale);
        Assert.Equal(["CodeAgent", "TestAgent"], sampler.Agents.ToArray());

        sampler.UpdateAgents([("CodeAgent", new AgentMemoryUsage { Items = 2, Bytes = 1_000 }), ("TestAgent", new AgentMemoryUsage { Items = 4, Bytes = 3_000 })]);
        Assert.False(sampler.AgentsStale);
        var sample = sampler.Sample(now.AddSeconds(30), T0, 500);
        Assert.Equal(4_500, sample.MemoryBytes);
        Assert.Equal(6, sample.MemoryItems);
    }

    [Fact]
    public void The_report_shows_the_timeline_steps_and_totals()
    {
        SessionEvent Event(long sequence, SessionEventKind kind, string status, int minutes, string? workflow = null) =>
            new() { Sequence = sequence, Kind = kind, Status = status, At = T0.AddMinutes(minutes), WorkflowId = workflow, SessionId = "s1" };
        var events = new[]
        {
            Event(1, SessionEventKind.SessionStatusChanged, "Active", 0),
            Event(2, SessionEventKind.WorkflowStarted, "Running", 1, "w1"),
            Event(3, SessionEventKind.StepStarted, "Running", 1, "w1"),
            Event(4, SessionEventKind.StepFailed, "Failed", 2, "w1"),
            Event(5, SessionEventKind.WorkflowFailed, "Failed", 2, "w1"),
            Event(6, SessionEventKind.SessionAlert, "ErrorRate", 3),
            Event(7, SessionEventKind.SessionStatusChanged, "Terminating", 9),
            Event(8, SessionEventKind.SessionStatusChanged, "Completed", 10),
        };

        var report = SessionReportBuilder.Build(new SessionReportInput
        {
            SessionId = "s1",
            Status = SessionStatus.Completed,
            CreatedAt = T0,
            Events = events,
            Workflows = [Workflow("w1", WorkflowStatus.Failed, T0.AddMinutes(2), ("CodeAgent", StepStatus.Completed, 100), ("TestAgent", StepStatus.Failed, 50), ("SecurityAgent", StepStatus.Skipped, 0))],
            StateBytes = 900,
            AgentMemory = new AgentMemoryUsage { Items = 3, Bytes = 100 },
        }, T0.AddHours(2));

        Assert.Equal([1L, 2, 5, 6, 7, 8], report.Timeline.Select(e => e.Sequence)); // step events are in the steps, not the timeline
        Assert.Equal(["s0", "s1", "s2"], report.Steps.Select(s => s.StepId));
        Assert.Equal(TimeSpan.FromSeconds(2), report.Steps[1].Duration);
        Assert.Equal(300, report.Totals.Usage.TotalTokens);
        Assert.Equal(2, report.Totals.FinishedSteps);
        Assert.Equal(1, report.Totals.FailedSteps);
        Assert.Equal(0.5, report.Totals.ErrorRate);
        Assert.Equal(TimeSpan.FromMinutes(10), report.Totals.Duration); // to its end, not to when the report is read
        Assert.Equal(1_000, report.Totals.MemoryBytes);
        Assert.Equal(T0.AddHours(2), report.GeneratedAt);
    }
}
