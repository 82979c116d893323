using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models;

namespace TDeveloper.Grains.Registry;

/// <summary>Checks the configured custom agent types at start, models against the catalog, every problem at once.</summary>
public sealed class AgentRegistryOptionsValidator(IOptions<ModelCatalogOptions> catalog) : IValidateOptions<AgentRegistryOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AgentRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.CustomDefinitions()
            .SelectMany(d => AgentTypeRules.Problems(d, builtIn: false, m => catalog.Value.Find(m) is not null).Select(p => $"{AgentRegistryOptions.Section}:Custom:{d.Name}: {p}"))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
