using Orleans.Concurrency;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Grains.Supervision;

/// <summary>Plans requests with the built-in rules; stateless, so Orleans runs it on every silo that needs it.</summary>
[StatelessWorker]
public sealed class SupervisorGrain : Grain, ISupervisorGrain
{
    /// <inheritdoc/>
    public Task<ExecutionPlan> PlanAsync(string requestText)
    {
        using var activity = Diagnostics.TDeveloperTelemetry.ActivitySource.StartActivity("supervisor.plan");
        var plan = PlanBuilder.Build(requestText, IntentAnalyzer.Analyze(requestText));
        activity?.SetTag("tdeveloper.plan.steps", plan.Plan.Steps.Length);
        return Task.FromResult(plan);
    }
}
