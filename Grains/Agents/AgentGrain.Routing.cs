using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Workflows;
using TDeveloper.Grains.Routing;

namespace TDeveloper.Grains.Agents;

/// <summary>
/// The agent's part of routing metrics: its tasks in flight feed this silo's <see cref="AgentUtilisation"/> (with its registry
/// capacity), and each finished task feeds the silo's <see cref="RoutingAlertMonitor"/>.
/// </summary>
public sealed partial class AgentGrain
{
    private int _routingInFlight;
    private int _routingCapacity;

    private void RoutingTaskStarted()
    {
        if (_routingInFlight++ == 0) _routingCapacity = _type?.Capacity ?? 4;
        AgentUtilisation.Started(AgentName, _routingCapacity, _routingInFlight == 1);
    }

    private void RoutingTaskEnded(StepResult result, TimeSpan elapsed)
    {
        AgentUtilisation.Ended(AgentName, _routingCapacity, --_routingInFlight == 0);
        ServiceProvider.GetService<RoutingAlertMonitor>()?.OnTaskEnded(SessionKey, AgentName, elapsed, result.Succeeded);
    }
}
