using System.Collections.Immutable;

namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>The names of the agents T-Developer ships.</summary>
public static class AgentNames
{
    /// <summary>Designs architecture, interfaces and data models.</summary>
    public const string Design = "DesignAgent";
    /// <summary>Writes and changes code.</summary>
    public const string Code = "CodeAgent";
    /// <summary>Writes and runs tests.</summary>
    public const string Test = "TestAgent";
    /// <summary>Reviews for vulnerabilities and secure defaults.</summary>
    public const string Security = "SecurityAgent";
    /// <summary>Writes documentation.</summary>
    public const string Docs = "DocsAgent";
    /// <summary>Reviews the finished work as a whole.</summary>
    public const string Review = "ReviewAgent";

    /// <summary>Gets every known agent name.</summary>
    public static ImmutableArray<string> All { get; } = [Design, Code, Test, Security, Docs, Review];
}
