using System.ComponentModel.DataAnnotations;

namespace TDeveloper.Api.Security;

/// <summary>The API's rate limits (section <see cref="SectionName"/>), counted per API process.</summary>
/// <remarks>
/// Every request counts against <see cref="Default"/> in its caller's partition; a request authenticated by an API key
/// also counts against <see cref="ApiKey"/> for that key; routes that require <see cref="TDeveloperRateLimits.Sensitive"/>
/// also count against <see cref="Sensitive"/> per client IP. Validated at start, every problem reported at once.
/// </remarks>
public sealed class TDeveloperRateLimitOptions : IValidatableObject
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "TDeveloper:Api:RateLimits";

    /// <summary>Gets or sets the limit of every caller: the credential, else the subject in its tenant, else the client IP.</summary>
    /// <remarks>Defaults to 100 requests per 15 minutes.</remarks>
    public RateLimitWindow Default { get; set; } = new() { PermitLimit = 100, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Gets or sets the limit of sensitive routes (token issuance, key creation), per client IP.</summary>
    /// <remarks>Defaults to 10 requests per 15 minutes.</remarks>
    public RateLimitWindow Sensitive { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Gets or sets the limit of each API key, on top of <see cref="Default"/>.</summary>
    /// <remarks>Defaults to 60 requests per minute.</remarks>
    public RateLimitWindow ApiKey { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Default.Validate($"{SectionName}:{nameof(Default)}")
            .Concat(Sensitive.Validate($"{SectionName}:{nameof(Sensitive)}"))
            .Concat(ApiKey.Validate($"{SectionName}:{nameof(ApiKey)}"));
}
