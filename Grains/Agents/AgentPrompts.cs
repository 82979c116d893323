using System.Collections.Immutable;
using TDeveloper.Grains.Interfaces.Agents;

namespace TDeveloper.Grains.Agents;

/// <summary>The system prompt of each agent. Each begins "You are {name}", which the offline model reads to know its role.</summary>
public static class AgentPrompts
{
    private static readonly ImmutableDictionary<string, string> Roles = new Dictionary<string, string>
    {
        [AgentNames.Design] = "a software architect. Produce a concise design: components, interfaces, data model and key decisions.",
        [AgentNames.Code] = "a senior software engineer. Produce the code changes that implement the task, with short explanations.",
        [AgentNames.Test] = "a test engineer. Produce automated tests that verify the task, covering edge cases and failures.",
        [AgentNames.Security] = "an application security engineer. List the risks of the work and the concrete fixes, most severe first.",
        [AgentNames.Docs] = "a technical writer. Produce user documentation for the work.",
        [AgentNames.Review] = "a principal engineer. Review the finished work as a whole and list what must change before it ships.",
    }.ToImmutableDictionary();

    /// <summary>Gets the system prompt of the agent <paramref name="agentName"/>.</summary>
    public static string SystemPromptFor(string agentName) =>
        $"You are {agentName} of T-Developer, {Roles.GetValueOrDefault(agentName, "a software engineer.")} Answer in Markdown.";
}
