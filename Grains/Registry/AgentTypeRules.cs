using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Grains.Registry;

/// <summary>What makes an agent type definition valid; every problem is reported at once.</summary>
public static partial class AgentTypeRules
{
    /// <summary>The most capabilities a type may have.</summary>
    public const int MaxCapabilities = 32;

    /// <summary>The most models a custom type's chain may have.</summary>
    public const int MaxModels = 8;

    /// <summary>The most tasks at once a type may declare.</summary>
    public const int MaxCapacity = 100;

    /// <summary>Gets the workspace tools a custom type may be allowed.</summary>
    public static ImmutableArray<string> KnownTools { get; } = [WorkspaceTools.ListFilesName, WorkspaceTools.ReadFileName, WorkspaceTools.WriteFileName, WorkspaceTools.DiffFileName];

    /// <summary>Gets whether <paramref name="name"/> may name an agent type: 1-64 letters, digits, '-' or '_', starting with a letter.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Gets the definition with its capabilities trimmed, lower-cased and deduplicated.</summary>
    public static AgentTypeDefinition Normalize(AgentTypeDefinition definition) => definition with
    {
        Name = definition.Name.Trim(),
        Description = definition.Description?.Trim() ?? "",
        Version = definition.Version?.Trim() ?? "",
        Capabilities = definition.Capabilities.IsDefault ? [] : [.. definition.Capabilities.Where(c => c is not null).Select(c => c.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
        Tools = definition.Tools.IsDefault ? [] : [.. definition.Tools.Where(t => t is not null).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)],
        Models = definition.Models.IsDefault ? [] : [.. definition.Models.Where(m => m is not null).Select(m => m.Trim())],
    };

    /// <summary>Gets every problem of a (normalized) definition; empty when it may be stored.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="builtIn">Whether it defines a built-in type (which keeps its code's prompt, tools and models).</param>
    /// <param name="isInCatalog">Whether a model id is in the catalog.</param>
    public static ImmutableArray<string> Problems(AgentTypeDefinition definition, bool builtIn, Func<string, bool> isInCatalog)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(isInCatalog);
        var problems = ImmutableArray.CreateBuilder<string>();
        if (!IsValidName(definition.Name)) problems.Add($"The name '{definition.Name}' is invalid: use 1-64 letters, digits, '-' or '_', starting with a letter.");
        if (definition.Description.Length > AgentTypeDefinition.MaxDescriptionLength) problems.Add($"The description has {definition.Description.Length} characters; at most {AgentTypeDefinition.MaxDescriptionLength} are allowed.");
        if (definition.Capabilities.IsEmpty) problems.Add("The type needs at least one capability.");
        if (definition.Capabilities.Length > MaxCapabilities) problems.Add($"The type has {definition.Capabilities.Length} capabilities; at most {MaxCapabilities} are allowed.");
        foreach (var capability in definition.Capabilities.Where(c => !CapabilityPattern().IsMatch(c)))
            problems.Add($"The capability '{capability}' is invalid: use 1-32 lower-case letters, digits or '-', starting with a letter.");
        if (string.IsNullOrEmpty(definition.Version) || definition.Version.Length > 32) problems.Add("The version needs 1-32 characters.");
        if (definition.Capacity is < 1 or > MaxCapacity) problems.Add($"The capacity is {definition.Capacity}; use 1 to {MaxCapacity} tasks at once.");
        if (definition.TaskTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1))) problems.Add($"The task timeout is {timeout}; use more than 0 and at most 1 day.");
        if (!Enum.IsDefined(definition.Status)) problems.Add($"The status '{definition.Status}' is unknown; use Active, Draining or Disabled.");

        if (builtIn)
        {
            if (definition.SystemPrompt is not null) problems.Add($"'{definition.Name}' is built in: its system prompt is its code's and cannot be set.");
            if (!definition.Tools.IsEmpty) problems.Add($"'{definition.Name}' is built in: its tools are its code's and cannot be set.");
            if (!definition.Models.IsEmpty) problems.Add($"'{definition.Name}' is built in: set its model chain in TDeveloper:Models:Chains.");
            return problems.ToImmutable();
        }

        if (AgentNames.All.Any(n => string.Equals(n, definition.Name, StringComparison.OrdinalIgnoreCase)))
            problems.Add($"The name '{definition.Name}' is a built-in agent's.");
        if (string.IsNullOrWhiteSpace(definition.SystemPrompt)) problems.Add("A custom type needs a system prompt.");
        else if (definition.SystemPrompt.Length > AgentTypeDefinition.MaxSystemPromptLength) problems.Add($"The system prompt has {definition.SystemPrompt.Length} characters; at most {AgentTypeDefinition.MaxSystemPromptLength} are allowed.");
        foreach (var tool in definition.Tools.Where(t => !KnownTools.Contains(t)))
            problems.Add($"The tool '{tool}' is unknown; known tools: {string.Join(", ", KnownTools)}.");
        if (definition.Models.Length > MaxModels) problems.Add($"The model chain has {definition.Models.Length} models; at most {MaxModels} are allowed.");
        foreach (var model in definition.Models.Where(m => !isInCatalog(m)))
            problems.Add($"The model '{model}' is not in the catalog (TDeveloper:Models:Catalog).");
        return problems.ToImmutable();
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex CapabilityPattern();
}
