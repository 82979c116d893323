using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Registry;

/// <summary>One agent type of a tenant's registry: what it does, how much it takes, whether it takes work, and how healthy it is.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentTypeInfo")]
public sealed record AgentTypeInfo
{
    /// <summary>Gets the type's name, the one plan steps use.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets what the type does.</summary>
    [Id(1)] public string Description { get; init; } = "";

    /// <summary>Gets what the type can do.</summary>
    [Id(2)] public ImmutableArray<string> Capabilities { get; init; } = [];

    /// <summary>Gets the type's version.</summary>
    [Id(3)] public string Version { get; init; } = "1.0";

    /// <summary>Gets the most tasks one agent of the type runs at once.</summary>
    [Id(4)] public int Capacity { get; init; } = 4;

    /// <summary>Gets the longest a task of the type may run, or <see langword="null"/> for the step's own timeout.</summary>
    [Id(5)] public TimeSpan? TaskTimeout { get; init; }

    /// <summary>Gets whether the type takes work.</summary>
    [Id(6)] public AgentTypeStatus Status { get; init; }

    /// <summary>Gets the type's health at <see cref="HealthCheckedAt"/>.</summary>
    [Id(7)] public AgentTypeHealth Health { get; init; }

    /// <summary>Gets when the health was last checked, or <see langword="null"/> before the first check.</summary>
    [Id(8)] public DateTimeOffset? HealthCheckedAt { get; init; }

    /// <summary>Gets why the health is what it is, for a person to read.</summary>
    [Id(9)] public string? HealthReason { get; init; }

    /// <summary>Gets whether the type is one T-Developer ships (it cannot be unregistered, only disabled).</summary>
    [Id(10)] public bool BuiltIn { get; init; }

    /// <summary>Gets whether the type was declared in configuration (<c>TDeveloper:Agents:Custom</c>): it cannot be unregistered, only disabled.</summary>
    [Id(11)] public bool FromConfiguration { get; init; }

    /// <summary>Gets a custom type's system prompt; <see langword="null"/> for a built-in (its prompt is in code).</summary>
    [Id(12)] public string? SystemPrompt { get; init; }

    /// <summary>Gets the workspace tools a custom type may use; built-ins use them all.</summary>
    [Id(13)] public ImmutableArray<string> Tools { get; init; } = [];

    /// <summary>Gets a custom type's model chain; empty: the router's choice (and <c>TDeveloper:Models:Chains</c>).</summary>
    [Id(14)] public ImmutableArray<string> Models { get; init; } = [];

    /// <summary>Gets when the type was registered or last updated, or <see langword="null"/> for a type never changed.</summary>
    [Id(15)] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets whether the type is custom (not built-in).</summary>
    public bool IsCustom => !BuiltIn;
}
