using Microsoft.Extensions.Options;

namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>Checks what data annotations cannot: the per-type settings, each problem named by its key.</summary>
public sealed class AgentBalancingOptionsValidator : IValidateOptions<AgentBalancingOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AgentBalancingOptions options)
    {
        var problems = new List<string>();
        if (options.MaxInstancesPerType > options.MaxAgentsPerSession)
            problems.Add($"{AgentBalancingOptions.Section}:MaxInstancesPerType ({options.MaxInstancesPerType}) must not exceed MaxAgentsPerSession ({options.MaxAgentsPerSession}).");
        foreach (var (type, settings) in options.Types)
        {
            var key = $"{AgentBalancingOptions.Section}:Types:{type}";
            if (settings.Weights.Any(w => w is < 1 or > 100)) problems.Add($"{key}:Weights must each be 1-100.");
            if (settings.MinInstances < 1) problems.Add($"{key}:MinInstances must be at least 1.");
            if (Math.Max(settings.MinInstances, settings.Weights.Count) > options.MaxInstancesPerType)
                problems.Add($"{key} starts more instances than MaxInstancesPerType ({options.MaxInstancesPerType}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
