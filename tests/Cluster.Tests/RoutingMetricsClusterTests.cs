using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Cluster.Tests;

/// <summary>Routing metrics and alerts fed by real steps: with a zero p99 threshold and one sample, an agent type's first task raises a latency alert.</summary>
public sealed class RoutingMetricsClusterTests : FileStoreClusterFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TDeveloper:Routing:Alerts:P99Threshold"] = "00:00:00",
        ["TDeveloper:Routing:Alerts:MinSamples"] = "1",
    };

    [Fact]
    public async Task A_decided_request_records_its_decision_latency_and_its_steps_raise_a_routing_alert_as_metric_and_event()
    {
        var alerts = new ConcurrentBag<(string Kind, string Agent)>();
        var decisions = new ConcurrentBag<(string Outcome, string Agent)>();
        // Read before listening: the meter's instruments are published from its type initializer, where these would still be null.
        Instrument[] watched = [TDeveloperTelemetry.RoutingAlerts, TDeveloperTelemetry.DecisionLatency];
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (watched.Contains(instrument)) l.EnableMeasurementEvents(instrument);
        };
        string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
        {
            foreach (var tag in tags) if (tag.Key == key) return tag.Value as string ?? "";
            return "";
        }

        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => alerts.Add((Tag(tags, "kind"), Tag(tags, "agent"))));
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => decisions.Add((Tag(tags, "outcome"), Tag(tags, "agent"))));
        listener.Start();

        var session = await SessionFlow.CreateSessionAsync(Client);
        var workflow = await SessionFlow.SubmitAsync(Client, session, "implement a login API in C#");
        var finished = await SessionFlow.FinishedAsync(Client, session, workflow);
        var agents = finished!.Steps.Select(s => s.Agent).ToHashSet();

        Assert.Contains(decisions, d => d.Outcome == "decided" && d.Agent.Length > 0);
        var events = await SessionEvents.WaitForAsync(Client, session, e => e.Any(x => x.Kind == SessionEventKind.RoutingAlert), "routing alert");
        var alert = events.First(e => e.Kind == SessionEventKind.RoutingAlert);
        Assert.Equal("raised", alert.Status);
        Assert.Contains(alert.Agent!, agents);
        Assert.Contains("latency", alert.Message);
        Assert.Contains(alerts, a => a.Kind == "latency" && agents.Contains(a.Agent));
    }
}
