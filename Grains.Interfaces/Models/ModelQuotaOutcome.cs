namespace TDeveloper.Grains.Interfaces.Models;

/// <summary>What a model's quota says to a call that asks for room in the current window.</summary>
[GenerateSerializer]
public enum ModelQuotaOutcome
{
    /// <summary>The call may go now; it is counted.</summary>
    Granted = 0,
    /// <summary>The call is counted but should wait <see cref="ModelQuotaGrant.Delay"/> first: the window is above its back-pressure threshold.</summary>
    Slowed = 1,
    /// <summary>The call is not counted: the window is full until <see cref="ModelQuotaGrant.Delay"/> has passed.</summary>
    Exhausted = 2,
    /// <summary>The call is not counted and never will be: it alone needs more tokens than the model's whole per-minute quota.</summary>
    TooLarge = 3,
}
