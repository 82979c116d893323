using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Options;

namespace TDeveloper.Grains.Sessions.Memory;

/// <summary>
/// Gets or sets the limits of a session's shared memory (section <c>TDeveloper:Sessions:Memory</c>): its tiers, in the shape of
/// an agent's (<see cref="Tiers"/>, under <c>TDeveloper:Sessions:Memory:Tiers</c>), and how much of it is persisted.
/// </summary>
public sealed class SessionMemoryOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "TDeveloper:Sessions:Memory";

    /// <summary>
    /// Gets or sets the tiers and limits, the same engine as an agent's memory with defaults for a session: 200 working items,
    /// short-term items live 8 h (a session's longest life), 32 long-term items of at most 16 KB, 400 items in all,
    /// 400,000 characters of budget. The vector settings (<see cref="MemoryOptions.VectorWeight"/>, …) apply as for agents.
    /// </summary>
    public MemoryOptions Tiers { get; set; } = new()
    {
        WorkingCapacity = 200,
        ShortTermTtl = TimeSpan.FromHours(8),
        CriticalShortTermTtl = TimeSpan.FromDays(1),
        LongTermMaxItems = 32,
        LongTermMaxBytes = 16_384,
        ContextCapacity = 400,
        BudgetChars = 400_000,
    };

    /// <summary>
    /// Gets or sets the most UTF-8 bytes of item text persisted with the session's memory (every tier is persisted, most
    /// relevant first: long-term, then by importance and recency, while they fit). Default 65,536, which keeps the stored
    /// state well under a DynamoDB item's 400 KB.
    /// </summary>
    [Range(1_024, 300_000)]
    public int PersistMaxBytes { get; set; } = 65_536;

    /// <summary>Gets or sets the longest the memory waits after a change before it saves (changes in between share the write). Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Tiers, new ValidationContext(Tiers), results, validateAllProperties: true);
        foreach (var result in results.Concat(Tiers.Validate(new ValidationContext(Tiers))))
            yield return new ValidationResult(result.ErrorMessage, [.. result.MemberNames.Select(m => $"{nameof(Tiers)}:{m}")]);
    }
}
