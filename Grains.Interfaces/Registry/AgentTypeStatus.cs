namespace TDeveloper.Grains.Interfaces.Registry;

/// <summary>Whether an agent type takes work.</summary>
[GenerateSerializer, Alias("TDeveloper.AgentTypeStatus")]
public enum AgentTypeStatus
{
    /// <summary>New plans may use it and its agents take tasks.</summary>
    Active = 0,

    /// <summary>New plans may not use it; steps of plans already running still run.</summary>
    Draining = 1,

    /// <summary>New plans may not use it and its agents take no new task.</summary>
    Disabled = 2,
}
