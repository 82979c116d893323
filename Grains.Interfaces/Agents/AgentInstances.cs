namespace TDeveloper.Grains.Interfaces.Agents;

/// <summary>
/// Names the instances of an agent type inside a session. Instance 0 is the type's name itself (<c>code</c>), so a session
/// with one instance per type keeps the keys it always had; instance n is <c>code.n</c>. Type names never hold a '.', so
/// the name splits back without ambiguity.
/// </summary>
public static class AgentInstances
{
    /// <summary>The character between a type and its instance number.</summary>
    public const char Separator = '.';

    /// <summary>Gets the name of instance <paramref name="index"/> of <paramref name="agentType"/>.</summary>
    public static string NameOf(string agentType, int index) => index == 0 ? agentType : $"{agentType}{Separator}{index}";

    /// <summary>Gets the agent type of an instance name.</summary>
    public static string TypeOf(string instanceName) => instanceName.IndexOf(Separator) is var at and >= 0 ? instanceName[..at] : instanceName;

    /// <summary>Gets the instance number of an instance name (0 for the type's own name).</summary>
    public static int IndexOf(string instanceName) =>
        instanceName.IndexOf(Separator) is var at and >= 0 && int.TryParse(instanceName.AsSpan(at + 1), out var index) ? index : 0;
}
