using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Registry;

namespace TDeveloper.Grains.Registry;

/// <summary>A tenant's registry as one silo saw it: the types by name, and what a plan step naming one may be refused for.</summary>
public sealed class AgentRegistryView
{
    /// <summary>The view of a tenant that has only the built-in types, unchanged.</summary>
    public static AgentRegistryView BuiltInOnly { get; } = new(BuiltInAgentTypes.All);

    private readonly ImmutableDictionary<string, AgentTypeInfo> _types;

    /// <summary>Creates the view of <paramref name="types"/>.</summary>
    public AgentRegistryView(IEnumerable<AgentTypeInfo> types) =>
        _types = types.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Gets the type named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public AgentTypeInfo? Find(string name) => _types.GetValueOrDefault(name);

    /// <summary>Gets whether the view has a type named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _types.ContainsKey(name);

    /// <summary>Gets why a new plan may not use <paramref name="name"/> (the rest of "Step 'x' …"), or <see langword="null"/> when it may.</summary>
    public string? ProblemFor(string name)
    {
        if (!_types.TryGetValue(name, out var type))
            return $"names unknown agent '{name}'; known agents: {string.Join(", ", _types.Values.Where(t => t.Status == AgentTypeStatus.Active).Select(t => t.Name).Order(StringComparer.Ordinal))}.";
        return type.Status switch
        {
            AgentTypeStatus.Active => null,
            AgentTypeStatus.Draining => $"names agent type '{name}', which is Draining: it finishes running work but takes no new plans.",
            _ => $"names agent type '{name}', which is Disabled: enable it (PUT /v1/agents/{name} with status Active) or use another agent.",
        };
    }
}
