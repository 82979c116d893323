using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TDeveloper.Hosting.Validation;

/// <summary>
/// Validates options by their data annotations (and <see cref="IValidatableObject"/>) and reports every problem at once,
/// each prefixed with the full configuration key it concerns (<c>TDeveloper:Storage:Directory: …</c>).
/// </summary>
/// <typeparam name="T">The options type.</typeparam>
/// <param name="name">The named options this validator checks; <see langword="null"/> for all.</param>
/// <param name="section">The configuration section the options are bound from, e.g. <c>TDeveloper:Storage</c>.</param>
public sealed class KeyedDataAnnotationsValidator<T>(string? name, string section) : IValidateOptions<T> where T : class
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? optionsName, T options)
    {
        if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(results.Select(r => $"{KeyOf(r)}: {r.ErrorMessage}"));
    }

    private string KeyOf(ValidationResult result) =>
        result.MemberNames.FirstOrDefault() is { Length: > 0 } member ? $"{section}:{member}" : section;
}
