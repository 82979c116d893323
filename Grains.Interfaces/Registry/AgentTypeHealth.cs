namespace TDeveloper.Grains.Interfaces.Registry;

/// <summary>The health of an agent type, from the models its chain may use.</summary>
[GenerateSerializer, Alias("TDeveloper.AgentTypeHealth")]
public enum AgentTypeHealth
{
    /// <summary>Not checked yet, or none of its models has been called on the checking silo.</summary>
    Unknown = 0,

    /// <summary>Its models answer.</summary>
    Healthy = 1,

    /// <summary>Some of its models are unavailable or fail often; the others answer.</summary>
    Degraded = 2,

    /// <summary>None of its models may be called now (their circuits are open).</summary>
    Unhealthy = 3,
}
