namespace TDeveloper.Silo.Hosting;

/// <summary>Which providers the silo uses (<c>TDeveloper:Mode</c>).</summary>
public enum HostingMode
{
    /// <summary>Zero setup: localhost clustering, file (or memory) grain state, in-memory reminders, memory streams.</summary>
    Embedded,
    /// <summary>Production: DynamoDB membership, grain state and reminders (section <c>TDeveloper:Aws</c>); memory streams.</summary>
    Aws,
}
