namespace TDeveloper.Grains.Interfaces.Checkpoints;

/// <summary>The bounds of what a caller gives with a checkpoint.</summary>
public static class CheckpointLimits
{
    /// <summary>The longest label of a manual checkpoint, in characters.</summary>
    public const int MaxLabelLength = 200;
}
