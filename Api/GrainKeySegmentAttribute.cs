using System.ComponentModel.DataAnnotations;
using TDeveloper.Grains.Interfaces;

namespace TDeveloper.Api;

/// <summary>Validates that a string, when present, is a valid tenant or id segment of a grain key.</summary>
/// <remarks>See <see cref="GrainKeys.IsValidSegment"/>: 1–64 letters, digits, '-' and '_', starting with a letter or digit.</remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class GrainKeySegmentAttribute : ValidationAttribute
{
    /// <summary>Initializes the attribute with its error message.</summary>
    public GrainKeySegmentAttribute()
        : base("{0} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.")
    {
    }

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null || value is string segment && GrainKeys.IsValidSegment(segment);
}
