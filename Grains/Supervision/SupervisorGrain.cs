using System.Collections.Immutable;
using Orleans.Concurrency;
using TDeveloper.Grains.Diagnostics;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Supervision;

/// <summary>Plans requests with the built-in rules or templates; stateless, so Orleans runs it on every silo that needs it.</summary>
[StatelessWorker]
public sealed class SupervisorGrain : Grain, ISupervisorGrain
{
    /// <inheritdoc/>
    public Task<ExecutionPlan> PlanAsync(string requestText, string? template = null)
    {
        using var activity = TDeveloperTelemetry.ActivitySource.StartActivity("supervisor.plan");
        ExecutionPlan plan;
        if (template is null)
        {
            plan = PlanBuilder.Build(requestText, IntentAnalyzer.Analyze(requestText));
        }
        else
        {
            var found = PlanTemplates.Find(template)
                ?? throw new ArgumentException($"There is no plan template '{template}'; templates: {string.Join(", ", PlanTemplates.Newest.Select(t => t.Name))}.", nameof(template));
            plan = new ExecutionPlan
            {
                Plan = found.Plan,
                Rationale = $"template {found.Name} v{found.Version}: {string.Join(" → ", DagScheduler.ParallelGroups(found.Plan).Select(g => string.Join(" ∥ ", g)))}",
            };
        }

        activity?.SetTag("tdeveloper.plan.steps", plan.Plan.Steps.Length);
        return Task.FromResult(plan);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<PlanTemplate>> ListTemplatesAsync() => Task.FromResult(PlanTemplates.Newest);

    /// <inheritdoc/>
    public Task<PlanTemplate?> GetTemplateAsync(string name) => Task.FromResult(PlanTemplates.Find(name));
}
