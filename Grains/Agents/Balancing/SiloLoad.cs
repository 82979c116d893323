namespace TDeveloper.Grains.Agents.Balancing;

/// <summary>A silo's measured CPU and memory use, each 0-1.</summary>
/// <param name="Cpu">The share of CPU in use.</param>
/// <param name="Memory">The share of the memory the silo may use that is in use.</param>
public sealed record SiloLoad(double Cpu, double Memory);
