using TDeveloper.Grains.Interfaces.Registry;

namespace TDeveloper.Grains.Registry;

/// <summary>
/// The persisted state of a tenant's registry: the custom types registered over the API, and the changed definitions of
/// built-in and configured types (by name). Custom system prompts are sealed at rest. Health is not stored: it is measured.
/// </summary>
[GenerateSerializer, Alias("TDeveloper.AgentRegistryState")]
public sealed class AgentRegistryState
{
    /// <summary>Gets or sets the stored types by name.</summary>
    [Id(0)] public Dictionary<string, AgentTypeInfo> Types { get; set; } = new(StringComparer.Ordinal);
}
