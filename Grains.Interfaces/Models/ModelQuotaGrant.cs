namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>The answer of a model's quota to one call.</summary>
[GenerateSerializer, Immutable, Alias("TDeveloper.ModelQuotaGrant")]
public sealed record ModelQuotaGrant
{
    /// <summary>The answer for a model without limits. A new instance each time: a reader that fills the objects it finds (Newtonsoft.Json, the fallback reader of old JSON grain state) would otherwise change one shared by every default.</summary>
    public static ModelQuotaGrant Unlimited => new();

    /// <summary>Gets whether the call may go, and how.</summary>
    [Id(0)] public ModelQuotaOutcome Outcome { get; init; }

    /// <summary>Gets how long to wait: before calling when <see cref="ModelQuotaOutcome.Slowed"/>, until the window ends when <see cref="ModelQuotaOutcome.Exhausted"/>.</summary>
    [Id(1)] public TimeSpan Delay { get; init; }

    /// <summary>Gets the start of the window the call was counted in (to correct its tokens later).</summary>
    [Id(2)] public DateTimeOffset Window { get; init; }

    /// <summary>Gets whether the call was counted and may go (granted or slowed).</summary>
    public bool IsGranted => Outcome is ModelQuotaOutcome.Granted or ModelQuotaOutcome.Slowed;
}
