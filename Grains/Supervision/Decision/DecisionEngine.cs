using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TDeveloper.Grains.Interfaces.Supervision;
using TDeveloper.Grains.Workflows;

namespace TDeveloper.Grains.Supervision.Decision;

/// <summary>
/// Decides a request's plan from three sources (rules, the model classifier, the tenant's history; see
/// <see cref="DecisionCombiner"/>), picks a template when the request's words ask for one, and puts the decision on the plan.
/// The classifier is bounded by <see cref="DecisionOptions.ClassifierTimeout"/>; its failure leaves rules and history to decide.
/// </summary>
public sealed partial class DecisionEngine(IIntentClassifier classifier, IOptions<DecisionOptions> options, ILogger<DecisionEngine> logger)
{
    /// <summary>Gets the options in use.</summary>
    public DecisionOptions Options => options.Value;

    /// <summary>Asks the classifier, bounded by the timeout; returns its answer or why there is none.</summary>
    public async Task<(IntentClassification? Classification, string? Note)> ClassifyAsync(string text, CancellationToken cancellationToken = default)
    {
        if (!options.Value.ClassifierEnabled) return (null, "switched off (TDeveloper:Supervisor:Decision:ClassifierEnabled)");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ClassifierTimeout);
        try
        {
            return (await classifier.ClassifyAsync(text, timeout.Token).WaitAsync(timeout.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogClassifierFailed(null, "timeout");
            return (null, $"timed out after {options.Value.ClassifierTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClassifierFailed(ex, ex.GetType().Name);
            return (null, $"failed ({ex.GetType().Name}: {ex.Message})");
        }
    }

    /// <summary>Decides the plan of <paramref name="text"/> with the tenant's <paramref name="history"/>; a user's chosen agents, if any, decide.</summary>
    public async Task<ExecutionPlan> DecideAsync(string text, ImmutableArray<AgentHistory> history, ImmutableArray<string> userAgents = default, bool mayAsk = true, CancellationToken cancellationToken = default)
    {
        var (classification, note) = userAgents.IsDefaultOrEmpty ? await ClassifyAsync(text, cancellationToken) : (null, "not asked: the user chose");
        return Plan(text, DecisionCombiner.Combine(text, classification, note, history, options.Value, userAgents, mayAsk));
    }

    /// <summary>Builds the plan a decision calls for: a template the request's words ask for, else a plan of the chosen agent types.</summary>
    public static ExecutionPlan Plan(string text, RoutingDecision decision)
    {
        if (decision.NeedsClarification) return new ExecutionPlan { Rationale = "waiting for a clarification", Decision = decision };
        if (DecisionRules.TemplateFor(text) is { } wanted && PlanTemplates.Find(wanted.Template) is { } template)
        {
            var agents = template.Plan.Steps.Select(s => s.Agent).Where(a => !string.IsNullOrEmpty(a)).ToHashSet();
            var withTemplate = decision with
            {
                Template = template.Name,
                Ranking = [.. decision.Ranking.Select(s => s with { Chosen = agents.Contains(s.Agent!) })],
                Reasons = decision.Reasons.Add($"template {template.Name} v{template.Version}: {wanted.Reason}"),
            };
            return new ExecutionPlan
            {
                Plan = template.Plan,
                Rationale = $"template {template.Name} v{template.Version} chosen from intent: {string.Join(" → ", DagScheduler.ParallelGroups(template.Plan).Select(g => string.Join(" ∥ ", g)))}",
                Decision = withTemplate,
            };
        }

        var intents = decision.Ranking.Where(s => s.Chosen).Select(s =>
        {
            var rule = IntentRules.All.FirstOrDefault(r => r.Agent == s.Agent);
            return new Intent
            {
                Name = rule?.Intent ?? s.Agent.ToLowerInvariant(),
                Agent = s.Agent,
                Confidence = s.Score,
                Evidence = string.Join("; ", decision.Votes.Where(v => v.Agent == s.Agent).Select(v => $"{v.Source} {v.Score:0.##}")),
            };
        }).ToImmutableArray();
        return PlanBuilder.Build(text, intents) with { Decision = decision };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The intent classifier gave no answer ({Why}); the decision uses rules and history")]
    private partial void LogClassifierFailed(Exception? exception, string why);
}
