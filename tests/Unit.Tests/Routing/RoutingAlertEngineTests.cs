using Microsoft.Extensions.Time.Testing;
using TDeveloper.Grains.Routing;

namespace TDeveloper.Unit.Tests.Routing;

public class RoutingAlertEngineTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private RoutingAlertEngine NewEngine(int minSamples = 10, int maxTasks = 100) =>
        new(new RoutingAlertOptions { MinSamples = minSamples, MaxTasks = maxTasks, Window = TimeSpan.FromMinutes(5) }, _time);

    private static List<RoutingAlertChange> Feed(RoutingAlertEngine engine, int count, TimeSpan duration, bool succeeded = true, string agent = "design")
    {
        var changes = new List<RoutingAlertChange>();
        for (var i = 0; i < count; i++) changes.AddRange(engine.Record(agent, duration, succeeded));
        return changes;
    }

    [Fact]
    public void P99_over_the_threshold_raises_a_latency_alert_once_and_clears_when_back_under()
    {
        var engine = NewEngine(maxTasks: 100);
        Assert.Empty(Feed(engine, 100, Fast));

        // 1 slow task of 100: the p99 (nearest rank: the 99th value) is still fast.
        Assert.Empty(Feed(engine, 1, Slow));
        var raised = Feed(engine, 1, Slow);
        var alert = Assert.Single(raised);
        Assert.Equal((RoutingAlertKind.Latency, "design", true), (alert.Kind, alert.Agent, alert.Raised));
        Assert.Equal(3, alert.Value, 3);
        Assert.Equal(1, alert.Threshold);
        Assert.Equal("latency", alert.KindTag);

        Assert.Empty(Feed(engine, 5, Slow)); // still over: no new alert
        Assert.Contains(("design", RoutingAlertKind.Latency), engine.Active());

        // The slow ones leave the 100-task window as fast ones come in: cleared once, when the p99 is back under.
        var cleared = Feed(engine, 100, Fast);
        var clear = Assert.Single(cleared);
        Assert.False(clear.Raised);
        Assert.Empty(engine.Active());

        Assert.Single(Feed(engine, 2, Slow)); // the next crossing raises it again
    }

    [Fact]
    public void Error_rate_is_judged_only_with_the_minimum_samples()
    {
        var engine = NewEngine(minSamples: 20);
        Assert.Empty(Feed(engine, 5, Fast, succeeded: false)); // 100 % of 5: too few to judge
        Assert.Empty(Feed(engine, 14, Fast));
        var raised = Assert.Single(Feed(engine, 1, Fast)); // 20 tasks, 25 % failed
        Assert.Equal(RoutingAlertKind.ErrorRate, raised.Kind);
        Assert.True(raised.Raised);
        Assert.Equal(0.25, raised.Value, 3);
        Assert.Equal(20, raised.Samples);

        Assert.Empty(Feed(engine, 1, Fast, succeeded: false)); // once per crossing
    }

    [Fact]
    public void Error_rate_clears_at_or_under_the_threshold_and_agents_are_judged_apart()
    {
        var engine = NewEngine(minSamples: 20, maxTasks: 100);
        Feed(engine, 18, Fast);
        Assert.Single(Feed(engine, 2, Fast, succeeded: false)); // 2 of 20 = 10 %
        Assert.Empty(Feed(engine, 20, Fast, agent: "code")); // another type has its own window

        var changes = Feed(engine, 20, Fast); // 2 of 40 = 5 %: not over 5 %
        var cleared = Assert.Single(changes);
        Assert.Equal((RoutingAlertKind.ErrorRate, false), (cleared.Kind, cleared.Raised));
    }

    [Fact]
    public void Tasks_older_than_the_window_leave_it()
    {
        var engine = NewEngine(minSamples: 10);
        Feed(engine, 10, Fast, succeeded: false);
        Assert.Contains(("design", RoutingAlertKind.ErrorRate), engine.Active());

        _time.Advance(TimeSpan.FromMinutes(6));
        var cleared = Assert.Single(Feed(engine, 1, Fast)); // the failures left the window: one task, too few to judge
        Assert.False(cleared.Raised);
        Assert.Empty(Feed(engine, 9, Fast));
        Assert.Empty(engine.Active());
    }

    [Fact]
    public void Disabled_judges_nothing()
    {
        var engine = new RoutingAlertEngine(new RoutingAlertOptions { Enabled = false, MinSamples = 1 }, _time);
        Assert.Empty(engine.Record("design", Slow, succeeded: false));
    }

    [Fact]
    public void P99_is_the_nearest_rank()
    {
        Assert.Equal(0, RoutingAlertEngine.P99([]));
        Assert.Equal(7, RoutingAlertEngine.P99([7]));
        Assert.Equal(99, RoutingAlertEngine.P99(Enumerable.Range(1, 100).Select(i => (double)i)));
        Assert.Equal(198, RoutingAlertEngine.P99(Enumerable.Range(1, 200).Select(i => (double)i).Reverse()));
    }

    [Fact]
    public void Utilisation_is_tasks_in_flight_over_the_capacity_of_busy_agents()
    {
        const string agent = "routing-test-agent";
        Assert.Equal(0, AgentUtilisation.Of(agent));
        AgentUtilisation.Started(agent, 4, firstOfAgent: true);
        AgentUtilisation.Started(agent, 4, firstOfAgent: false);
        AgentUtilisation.Started(agent, 2, firstOfAgent: true); // a second agent of the type
        Assert.Equal(3.0 / 6, AgentUtilisation.Of(agent), 6);
        Assert.Contains(AgentUtilisation.Measure(), m => m.Tags.ToArray() is [{ Key: "agent", Value: agent }] && Math.Abs(m.Value - 0.5) < 1e-9);
        AgentUtilisation.Ended(agent, 2, lastOfAgent: true);
        AgentUtilisation.Ended(agent, 4, lastOfAgent: false);
        Assert.Equal(1.0 / 4, AgentUtilisation.Of(agent), 6);
        AgentUtilisation.Ended(agent, 4, lastOfAgent: true);
        Assert.Equal(0, AgentUtilisation.Of(agent));
    }
}
