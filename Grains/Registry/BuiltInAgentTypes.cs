using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;
using TDeveloper.Grains.Interfaces.Registry;

namespace TDeveloper.Grains.Registry;

/// <summary>The six agents T-Developer ships, as registry types: in every tenant's registry, their prompts in <see cref="Agents.AgentPrompts"/>.</summary>
public static class BuiltInAgentTypes
{
    /// <summary>Gets the built-in types, in <see cref="AgentNames.All"/> order.</summary>
    public static ImmutableArray<AgentTypeInfo> All { get; } =
    [
        Type(AgentNames.Design, "Designs architecture, interfaces and data models.", "design", "architecture"),
        Type(AgentNames.Code, "Writes and changes code.", "implement", "refactor", "code"),
        Type(AgentNames.Test, "Writes and runs tests.", "test"),
        Type(AgentNames.Security, "Reviews for vulnerabilities and secure defaults.", "security", "audit"),
        Type(AgentNames.Docs, "Writes documentation.", "docs"),
        Type(AgentNames.Review, "Reviews the finished work as a whole.", "review"),
    ];

    /// <summary>Gets whether <paramref name="name"/> is a built-in type.</summary>
    public static bool IsBuiltIn(string name) => AgentNames.All.Contains(name);

    /// <summary>Gets the built-in type <paramref name="name"/> as shipped, or <see langword="null"/>.</summary>
    public static AgentTypeInfo? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    private static AgentTypeInfo Type(string name, string description, params string[] capabilities) => new()
    {
        Name = name, Description = description, Capabilities = [.. capabilities], Version = "1.0", Capacity = 4, BuiltIn = true,
        Status = AgentTypeStatus.Active,
    };
}
