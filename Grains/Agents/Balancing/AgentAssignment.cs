namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>The instance a task was leased to, and how it was found.</summary>
/// <param name="Index">The instance number.</param>
/// <param name="Kind">How the instance was found.</param>
public readonly record struct AgentAssignment(int Index, AssignmentKind Kind);

/// <summary>How a lease found its instance.</summary>
public enum AssignmentKind
{
    /// <summary>The lease key was already held: the same instance again.</summary>
    Held,

    /// <summary>An instance under its availability threshold, picked by the type's strategy.</summary>
    Available,

    /// <summary>Every instance was busy: a new one started.</summary>
    Started,

    /// <summary>Every instance was busy and no new one could start: the least busy took it anyway.</summary>
    Overflow,
}
