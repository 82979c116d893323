using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Registry;
using TDeveloper.Grains.Models.Routing;

namespace TDeveloper.Grains.Registry;

/// <summary>
/// A tenant's agent registry without a silo: the built-in types, the configured custom types and the stored ones
/// (<see cref="AgentRegistryState"/>, changed in place), the commands on them with every refusal explained, lookup by
/// capability, and health from the models each type's chain may use.
/// </summary>
public sealed class AgentRegistry
{
    private readonly ImmutableArray<AgentTypeDefinition> _configured;
    private readonly AgentRegistryState _state;
    private readonly Func<string, bool> _isInCatalog;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (AgentTypeHealth Health, DateTimeOffset At, string Reason)> _health = new(StringComparer.Ordinal);

    /// <summary>Creates the registry over <paramref name="state"/>.</summary>
    /// <param name="configured">The custom types of configuration (already validated).</param>
    /// <param name="state">The stored state; commands change it, the caller saves it.</param>
    /// <param name="isInCatalog">Whether a model id is in the catalog.</param>
    /// <param name="time">The clock of updates and health checks.</param>
    public AgentRegistry(ImmutableArray<AgentTypeDefinition> configured, AgentRegistryState state, Func<string, bool> isInCatalog, TimeProvider time)
    {
        _configured = configured.IsDefault ? [] : configured;
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _isInCatalog = isInCatalog ?? throw new ArgumentNullException(nameof(isInCatalog));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Gets every type: built-ins in their order, then the others by name.</summary>
    public ImmutableArray<AgentTypeInfo> List()
    {
        var builtIn = BuiltInAgentTypes.All.Select(t => WithHealth(_state.Types.GetValueOrDefault(t.Name) ?? t));
        var configured = _configured.Where(d => !BuiltInAgentTypes.IsBuiltIn(d.Name)).Select(d => _state.Types.GetValueOrDefault(d.Name) ?? Configured(d));
        var configuredNames = _configured.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var registered = _state.Types.Values.Where(t => !t.BuiltIn && !configuredNames.Contains(t.Name));
        return [.. builtIn, .. configured.Concat(registered).OrderBy(t => t.Name, StringComparer.Ordinal).Select(WithHealth)];
    }

    /// <summary>Gets the type named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public AgentTypeInfo? Get(string name) => List().FirstOrDefault(t => t.Name == name);

    /// <summary>Gets the types with <paramref name="capability"/> (case-insensitive): Active ones first, then by name.</summary>
    public ImmutableArray<AgentTypeInfo> FindByCapability(string capability)
    {
        var wanted = (capability ?? "").Trim().ToLowerInvariant();
        return [.. List().Where(t => t.Capabilities.Contains(wanted)).OrderBy(t => t.Status).ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Registers a custom type: Invalid with every problem, Conflict when the name is taken (case-insensitively).</summary>
    public CommandResult<AgentTypeInfo> Register(AgentTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition = AgentTypeRules.Normalize(definition);
        var problems = AgentTypeRules.Problems(definition, builtIn: false, _isInCatalog);
        if (!problems.IsEmpty) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.Invalid, $"The agent type is invalid: {string.Join(" ", problems)}");
        if (List().FirstOrDefault(t => string.Equals(t.Name, definition.Name, StringComparison.OrdinalIgnoreCase)) is { } existing)
            return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.Conflict, $"An agent type named '{existing.Name}' exists; update it (PUT /v1/agents/{existing.Name}) instead.", existing);
        var type = ToInfo(definition, builtIn: false, fromConfiguration: false);
        _state.Types[type.Name] = type;
        return CommandResult<AgentTypeInfo>.Ok(WithHealth(type));
    }

    /// <summary>Replaces the definition of an existing type: NotFound, or Invalid with every problem (a built-in keeps its prompt, tools and models).</summary>
    public CommandResult<AgentTypeInfo> Update(string name, AgentTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Get(name) is not { } current) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.NotFound, $"Agent type '{name}' does not exist.");
        definition = AgentTypeRules.Normalize(definition with { Name = string.IsNullOrWhiteSpace(definition.Name) ? name : definition.Name });
        if (definition.Name != name) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.Invalid, $"The agent type is invalid: the body names '{definition.Name}', the route '{name}'; a type cannot be renamed.");
        var problems = AgentTypeRules.Problems(definition, current.BuiltIn, _isInCatalog);
        if (!problems.IsEmpty) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.Invalid, $"The agent type is invalid: {string.Join(" ", problems)}", current);
        var type = ToInfo(definition, current.BuiltIn, current.FromConfiguration);
        _state.Types[name] = type;
        return CommandResult<AgentTypeInfo>.Ok(WithHealth(type));
    }

    /// <summary>Removes a type registered over the API: NotFound, or Conflict for a built-in or configured type.</summary>
    public CommandResult<AgentTypeInfo> Unregister(string name)
    {
        if (Get(name) is not { } current) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.NotFound, $"Agent type '{name}' does not exist.");
        if (current.BuiltIn) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.Conflict, $"'{name}' is built in and cannot be unregistered; disable it instead (PUT /v1/agents/{name} with status Disabled).", current);
        if (current.FromConfiguration) return CommandResult<AgentTypeInfo>.Refused(CommandOutcome.Conflict, $"'{name}' is declared in configuration (TDeveloper:Agents:Custom) and cannot be unregistered; disable it, or remove it from configuration.", current);
        _state.Types.Remove(name);
        _health.Remove(name);
        return CommandResult<AgentTypeInfo>.Ok(current);
    }

    /// <summary>
    /// Checks every type's health from the models its chain may use: its own chain, else <paramref name="chainOf"/> (the
    /// configured chain of its name), else every catalog model. Unhealthy when none may be called, Degraded when some may
    /// not or fail half their calls, Unknown when none was measured, else Healthy.
    /// </summary>
    /// <param name="chainOf">The configured chain of an agent name (<c>TDeveloper:Models:Chains</c>), or empty.</param>
    /// <param name="catalog">Every catalog model id.</param>
    /// <param name="statsOf">What this silo measured of a model.</param>
    public void CheckHealth(Func<string, IReadOnlyList<string>> chainOf, IReadOnlyList<string> catalog, Func<string, ModelStats> statsOf)
    {
        ArgumentNullException.ThrowIfNull(chainOf);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(statsOf);
        var now = _time.GetUtcNow();
        foreach (var type in List())
        {
            IReadOnlyList<string> models = !type.Models.IsDefaultOrEmpty ? type.Models : chainOf(type.Name) is { Count: > 0 } chain ? chain : catalog;
            var stats = models.Select(m => (Model: m, Stats: statsOf(m))).ToList();
            var down = stats.Where(s => !s.Stats.IsAvailable).Select(s => s.Model).ToList();
            var failing = stats.Where(s => s.Stats.IsAvailable && s.Stats.ErrorRate >= 0.5).Select(s => s.Model).ToList();
            var measured = stats.Count(s => s.Stats.Latency is not null || s.Stats.ErrorRate > 0 || !s.Stats.IsAvailable);
            _health[type.Name] =
                models.Count == 0 ? (AgentTypeHealth.Unknown, now, "no model to check.")
                : down.Count == models.Count ? (AgentTypeHealth.Unhealthy, now, $"no model of its chain may be called: {string.Join(", ", down)} (circuit open).")
                : down.Count > 0 || failing.Count > 0 ? (AgentTypeHealth.Degraded, now, string.Join(" ", new[] { down.Count > 0 ? $"circuit open: {string.Join(", ", down)}." : null, failing.Count > 0 ? $"failing half their calls or more: {string.Join(", ", failing)}." : null }.Where(s => s is not null)))
                : measured == 0 ? (AgentTypeHealth.Unknown, now, $"no call to its models ({string.Join(", ", models)}) measured on this silo yet.")
                : (AgentTypeHealth.Healthy, now, $"its models answer ({string.Join(", ", models)}).");
        }
    }

    private AgentTypeInfo Configured(AgentTypeDefinition definition) => ToInfo(definition, builtIn: false, fromConfiguration: true) with { UpdatedAt = null };

    private AgentTypeInfo WithHealth(AgentTypeInfo type) =>
        _health.TryGetValue(type.Name, out var health) ? type with { Health = health.Health, HealthCheckedAt = health.At, HealthReason = health.Reason } : type;

    private AgentTypeInfo ToInfo(AgentTypeDefinition definition, bool builtIn, bool fromConfiguration) => new()
    {
        Name = definition.Name,
        Description = definition.Description,
        Capabilities = definition.Capabilities,
        Version = definition.Version,
        Capacity = definition.Capacity,
        TaskTimeout = definition.TaskTimeout,
        Status = definition.Status,
        BuiltIn = builtIn,
        FromConfiguration = fromConfiguration,
        SystemPrompt = builtIn ? null : definition.SystemPrompt,
        Tools = builtIn ? [] : definition.Tools,
        Models = builtIn ? [] : definition.Models,
        UpdatedAt = _time.GetUtcNow(),
    };
}
