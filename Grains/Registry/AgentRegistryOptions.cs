using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces.Registry;

namespace TDeveloper.Grains.Registry;

/// <summary>
/// The agent registry's settings (section <c>TDeveloper:Agents</c>, beside <see cref="Options.AgentOptions"/>): the custom
/// types every tenant has (<c>TDeveloper:Agents:Custom:{name}:…</c>, validated at start), how often health is checked, and
/// how long a silo trusts its copy of a tenant's registry.
/// </summary>
public sealed class AgentRegistryOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Agents";

    /// <summary>Gets or sets the custom types of every tenant, by name. Default none.</summary>
    public Dictionary<string, CustomAgentTypeOptions> Custom { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how often an active registry checks its types' health. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RegistryHealthInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a silo uses its copy of a tenant's registry for plan checks and agents before reading it again
    /// (a change is seen at once on the silo of the registry, within this on the others). Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RegistryCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the configured custom types as definitions, by name.</summary>
    public ImmutableArray<AgentTypeDefinition> CustomDefinitions() =>
        [.. Custom.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => AgentTypeRules.Normalize(c.Value.ToDefinition(c.Key)))];
}

/// <summary>One custom agent type of configuration (<c>TDeveloper:Agents:Custom:{name}</c>).</summary>
public sealed class CustomAgentTypeOptions
{
    /// <summary>Gets or sets what the type does.</summary>
    public string Description { get; set; } = "";

    /// <summary>Gets or sets what the type can do (lower-case words).</summary>
    public List<string> Capabilities { get; set; } = [];

    /// <summary>Gets or sets the type's version. Default 1.0.</summary>
    public string Version { get; set; } = "1.0";

    /// <summary>Gets or sets the most tasks one agent of the type runs at once. Default 4.</summary>
    public int Capacity { get; set; } = 4;

    /// <summary>Gets or sets the longest a task may run; unset: the step's own timeout.</summary>
    public TimeSpan? TaskTimeout { get; set; }

    /// <summary>Gets or sets whether the type takes work. Default Active.</summary>
    public AgentTypeStatus Status { get; set; } = AgentTypeStatus.Active;

    /// <summary>Gets or sets the system prompt (required).</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Gets or sets the workspace tools it may use. Default none.</summary>
    public List<string> Tools { get; set; } = [];

    /// <summary>Gets or sets its model chain (catalog ids), tried in order. Default: the router's choice.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Gets the type as a definition named <paramref name="name"/>.</summary>
    public AgentTypeDefinition ToDefinition(string name) => new()
    {
        Name = name, Description = Description, Capabilities = [.. Capabilities], Version = Version, Capacity = Capacity,
        TaskTimeout = TaskTimeout, Status = Status, SystemPrompt = SystemPrompt, Tools = [.. Tools], Models = [.. Models],
    };
}
