using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Grains.Options;

/// <summary>
/// Gets or sets the limits of an agent's memory tiers and of the context built from them (section
/// <c>TDeveloper:Agents:Memory</c>); see <see cref="Agents.Memory.AgentMemory"/> for the rules they bound.
/// </summary>
public sealed class MemoryOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Agents:Memory";

    /// <summary>Gets or sets how many items working memory holds before the least recently used is dropped. Default 1,000.</summary>
    [Range(1, 1_000_000)]
    public int WorkingCapacity { get; set; } = 1_000;

    /// <summary>Gets or sets how long a short-term item lives after its last recall. Default 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ShortTermTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long a critical short-term item lives after its last recall. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan CriticalShortTermTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets the recalls after which a short-term item moves to long-term memory (a critical item needs one fewer). Default 3.</summary>
    [Range(2, 1_000)]
    public int LongTermRecalls { get; set; } = 3;

    /// <summary>Gets or sets the most items long-term memory keeps (they are persisted with the agent). Default 16.</summary>
    [Range(0, 1_000)]
    public int LongTermMaxItems { get; set; } = 16;

    /// <summary>
    /// Gets or sets the most UTF-8 bytes of text long-term memory keeps in all (they are persisted, sealed, with the agent;
    /// with the default 16 items the stored agent state stays under 10 KB). Default 4,096.
    /// </summary>
    [Range(0, 1_000_000)]
    public int LongTermMaxBytes { get; set; } = 4_096;

    /// <summary>Gets or sets the longest text of one item, in characters; longer texts are cut. Default 1,000.</summary>
    [Range(100, 100_000)]
    public int MaxItemChars { get; set; } = 1_000;

    /// <summary>Gets or sets the most entries the context manager holds over all tiers. Default 10,000.</summary>
    [Range(4, 10_000_000)]
    public int ContextCapacity { get; set; } = 10_000;

    /// <summary>Gets or sets the share of entries, lowest relevance first, dropped when the context manager is full. Default 0.25.</summary>
    [Range(0.01, 1.0)]
    public double ContextDropFraction { get; set; } = 0.25;

    /// <summary>Gets or sets the most tokens of memory put into one model call (less when the model's window is smaller). Default 4,000.</summary>
    [Range(0, 1_000_000)]
    public int ContextTokens { get; set; } = 4_000;

    /// <summary>Gets or sets the time in which an item's recency weight halves. Default 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RecencyHalfLife { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the memory budget of one agent: characters of text over all tiers. Default 2,000,000.</summary>
    [Range(1_000, int.MaxValue)]
    public int BudgetChars { get; set; } = 2_000_000;

    /// <summary>Gets or sets the share of <see cref="BudgetChars"/> at which garbage collection runs. Default 0.8.</summary>
    [Range(0.1, 1.0)]
    public double GcTriggerFraction { get; set; } = 0.8;

    /// <summary>Gets or sets the age below which garbage collection leaves an item alone. Default 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan GcMinAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the recalls per minute (since the item was made) below which an old item may be collected. Default 0.01.</summary>
    [Range(0.0, 1_000.0)]
    public double GcMaxAccessRatePerMinute { get; set; } = 0.01;

    /// <summary>Gets or sets the task-free relevance below which an old, rarely recalled item is collected. Default 0.75.</summary>
    [Range(0.0, 10.0)]
    public double GcMaxRelevance { get; set; } = 0.75;

    /// <summary>
    /// Gets or sets the weight of vector similarity in an item's match with a task when both have an embedding:
    /// <c>match = (1 − w) × keyword overlap + w × similarity</c>. Default 0.5.
    /// </summary>
    [Range(0.0, 1.0)]
    public double VectorWeight { get; set; } = 0.5;

    /// <summary>
    /// Gets or sets the cosine at or below which two embeddings count as unrelated; above it the similarity rises linearly to 1.
    /// Default 0.25 (unrelated texts score about 0 to 0.2 with the offline model and common hosted ones).
    /// </summary>
    [Range(0.0, 0.99)]
    public double SimilarityFloor { get; set; } = 0.25;

    /// <summary>
    /// Gets or sets the most bytes of embeddings one memory keeps (one byte per dimension plus 48 a vector; held in the
    /// activation, never persisted); past it the least relevant items lose theirs. Default 1 MiB (about 660 vectors of
    /// 1,536 dimensions, 3,600 of the offline model's 256).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int VectorBudgetBytes { get; set; } = 1_048_576;

    /// <summary>
    /// Gets or sets the share of an agent's memory tokens kept for its session's memory: the agent's own memory takes at
    /// most <c>1 − share</c> of the budget, the session's memory what the agent's left (so all of it for an agent with
    /// nothing to remember). 0 leaves session memory out of contexts. Default 0.3. Agents only.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SessionContextShare { get; set; } = 0.3;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CriticalShortTermTtl < ShortTermTtl)
            yield return new ValidationResult($"must be at least {nameof(ShortTermTtl)} ({ShortTermTtl}).", [nameof(CriticalShortTermTtl)]);
        if (LongTermMaxItems > 0 && LongTermMaxBytes < 3L * MaxItemChars)
            yield return new ValidationResult($"must hold at least one item of {nameof(MaxItemChars)} ({MaxItemChars}) characters, up to 3 UTF-8 bytes each.", [nameof(LongTermMaxBytes)]);
    }
}
