using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Registry;

/// <summary>
/// What a caller gives to register or update an agent type. A built-in type's prompt, tools and models are its code's: for
/// it only the description, capabilities, version, capacity, timeout and status may change.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.AgentTypeDefinition")]
public sealed record AgentTypeDefinition
{
    /// <summary>The most characters of a custom type's system prompt.</summary>
    public const int MaxSystemPromptLength = 16_000;

    /// <summary>The most characters of a description.</summary>
    public const int MaxDescriptionLength = 1_000;

    /// <summary>Gets the type's name: 1-64 letters, digits, '-' or '_', starting with a letter (it is part of agent grain keys).</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Gets what the type does, for a person to read.</summary>
    [Id(1)] public string Description { get; init; } = "";

    /// <summary>Gets what the type can do (lower-case words such as <c>implement</c>, <c>audit</c>); lookups by capability use them.</summary>
    [Id(2)] public ImmutableArray<string> Capabilities { get; init; } = [];

    /// <summary>Gets the type's version, for a person to read (e.g. <c>1.0</c>).</summary>
    [Id(3)] public string Version { get; init; } = "1.0";

    /// <summary>Gets the most tasks one agent of the type runs at once (1-100).</summary>
    [Id(4)] public int Capacity { get; init; } = 4;

    /// <summary>Gets the longest a task of the type may run, or <see langword="null"/> for the step's own timeout.</summary>
    [Id(5)] public TimeSpan? TaskTimeout { get; init; }

    /// <summary>Gets whether the type takes work.</summary>
    [Id(6)] public AgentTypeStatus Status { get; init; } = AgentTypeStatus.Active;

    /// <summary>Gets a custom type's system prompt (required for custom types, none for built-ins).</summary>
    [Id(7)] public string? SystemPrompt { get; init; }

    /// <summary>Gets the workspace tools a custom type may use (<c>list_files</c>, <c>read_file</c>, <c>write_file</c>, <c>diff_file</c>); empty: none.</summary>
    [Id(8)] public ImmutableArray<string> Tools { get; init; } = [];

    /// <summary>Gets a custom type's model chain, tried in order (catalog ids); empty: the router's choice.</summary>
    [Id(9)] public ImmutableArray<string> Models { get; init; } = [];
}
