using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Sessions;

namespace TDeveloper.Grains.Routing;

/// <summary>
/// This silo's host of the <see cref="RoutingAlertEngine"/>: agents tell it each finished task, and each alert raised or cleared
/// is logged (a warning when raised), counted (<c>tdeveloper.routing.alerts</c>, tagged kind and agent, when raised) and told
/// to the session whose task crossed it, which records a <c>RoutingAlert</c> event through its outbox.
/// </summary>
public sealed partial class RoutingAlertMonitor(IOptions<RoutingAlertOptions> options, TimeProvider time, IGrainFactory grains, ILogger<RoutingAlertMonitor> logger)
{
    /// <summary>Gets the engine (its windows and active alerts).</summary>
    public RoutingAlertEngine Engine { get; } = new(options.Value, time);

    /// <summary>Judges a finished task of <paramref name="agent"/> in session <paramref name="sessionKey"/>.</summary>
    public void OnTaskEnded(string sessionKey, string agent, TimeSpan duration, bool succeeded)
    {
        foreach (var change in Engine.Record(agent, duration, succeeded))
        {
            var value = change.Value.ToString("0.###", CultureInfo.InvariantCulture);
            var threshold = change.Threshold.ToString("0.###", CultureInfo.InvariantCulture);
            if (change.Raised)
            {
                LogAlertRaised(change.KindTag, agent, value, threshold, change.Samples);
                TDeveloperTelemetry.RoutingAlerts.Add(1, new("kind", change.KindTag), new("agent", agent));
            }
            else LogAlertCleared(change.KindTag, agent, value, threshold);

            var message = $"{agent} {change.KindTag} {(change.Raised ? "over" : "back under")} its threshold: {value} (threshold {threshold}, {change.Samples} tasks)";
            _ = Tell(sessionKey, agent, change.Raised ? "raised" : "cleared", message);
        }
    }

    private async Task Tell(string sessionKey, string agent, string status, string message)
    {
        try
        {
            await grains.GetGrain<ISessionCallbacks>(sessionKey).OnRoutingAlertAsync(agent, status, message);
        }
        catch (Exception ex)
        {
            LogTellFailed(ex, agent);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing alert: agent type {Agent} {Kind} is {Value}, over its threshold {Threshold} ({Samples} tasks in the window)")]
    private partial void LogAlertRaised(string kind, string agent, string value, string threshold, int samples);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing alert cleared: agent type {Agent} {Kind} is {Value}, back under {Threshold}")]
    private partial void LogAlertCleared(string kind, string agent, string value, string threshold);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A routing alert of agent type {Agent} could not be told to its session")]
    private partial void LogTellFailed(Exception exception, string agent);
}
