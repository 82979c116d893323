using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security;

/// <summary>One fixed-window rate limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    /// <summary>Gets or sets how many requests one partition may make in a window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; }

    /// <summary>Gets or sets the length of a window; the count starts again at its end.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>Gets the problems of this limit, named under <paramref name="name"/>; empty when it is valid.</summary>
    public IEnumerable<ValidationResult> Validate(string name)
    {
        if (PermitLimit < 1) yield return new ValidationResult($"{name}:PermitLimit must be at least 1 (it is {PermitLimit}).", [name]);
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(1))
            yield return new ValidationResult($"{name}:Window must be longer than zero and at most a day (it is {Window}).", [name]);
    }
}
