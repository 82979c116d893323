namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>Tokens and cost of model calls, summed over a step, a session or a tenant.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ModelUsage")]
public sealed record ModelUsage
{
    /// <summary>No usage. A new instance each time: a reader that fills the objects it finds (Newtonsoft.Json, the fallback reader of old JSON grain state) would otherwise change one shared by every default.</summary>
    public static ModelUsage None => new();

    /// <summary>Gets the number of model calls.</summary>
    [Id(0)] public int Calls { get; init; }

    /// <summary>Gets the input tokens.</summary>
    [Id(1)] public long InputTokens { get; init; }

    /// <summary>Gets the output tokens.</summary>
    [Id(2)] public long OutputTokens { get; init; }

    /// <summary>Gets the cost in US dollars, from the catalog's prices per 1,000 tokens.</summary>
    [Id(3)] public decimal CostUsd { get; init; }

    /// <summary>Gets all tokens, in and out.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds two usages.</summary>
    public static ModelUsage operator +(ModelUsage left, ModelUsage right) => new()
    {
        Calls = left.Calls + right.Calls,
        InputTokens = left.InputTokens + right.InputTokens,
        OutputTokens = left.OutputTokens + right.OutputTokens,
        CostUsd = left.CostUsd + right.CostUsd,
    };
}
