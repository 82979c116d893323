namespace TDeveloper.Grains.Interfaces.Memory;

/// <summary>
/// An embedding of a memory item's text, quantised to one signed byte per dimension (the largest component is ±127), so a
/// 1,536-dimension embedding takes 1.5 KB instead of 6. Cosine similarity ignores the scale, so it is computed on the bytes
/// directly (<c>TDeveloper.Grains.Agents.Memory.MemoryVectors.Cosine</c>); quantising changes it by less than 0.01.
/// </summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.MemoryVector")]
public sealed record MemoryVector
{
    /// <summary>Gets the components, scaled so the largest magnitude is 127. Never changed after creation.</summary>
    [Id(0)] public sbyte[] Values { get; init; } = [];

    /// <summary>Gets the Euclidean norm of <see cref="Values"/>, computed once; 0 for a zero vector.</summary>
    [Id(1)] public float Norm { get; init; }

    /// <summary>Gets the number of dimensions.</summary>
    public int Dimensions => Values.Length;
}
