using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TDeveloper.Grains.Interfaces.Configuration;

/// <summary>
/// Validates options by their data annotations (and <see cref="IValidatableObject"/>), walking nested T-Developer
/// objects, lists and dictionaries, and reports every problem at once, each prefixed with the full configuration key it
/// concerns: <c>TDeveloper:Sessions:IdleTimeout: The field IdleTimeout must be between …</c>.
/// </summary>
/// <typeparam name="T">The options type.</typeparam>
/// <param name="name">The named options this validator checks; <see langword="null"/> for all.</param>
/// <param name="section">The configuration section the options are bound from, e.g. <c>TDeveloper:Sessions</c>.</param>
public sealed class KeyNamingOptionsValidator<T>(string? name, string section) : IValidateOptions<T> where T : class
{
    private const int MaxDepth = 8;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? optionsName, T options)
    {
        if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Collect(options, section, failures, 0);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object value, string path, List<string> failures, int depth)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{KeyOf(path, r)}: {r.ErrorMessage}"));
        }

        if (depth >= MaxDepth) return;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true } || IsLeaf(property.PropertyType)) continue;
            if (property.SetMethod is not { IsPublic: true } && !typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && !IsOurs(property.PropertyType)) continue;
            var child = property.GetValue(value);
            var at = $"{path}:{property.Name}";
            switch (child)
            {
                case null:
                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (entry.Value is { } item && IsOurs(item.GetType())) Collect(item, $"{at}:{entry.Key}", failures, depth + 1);
                    }

                    break;
                case IEnumerable sequence:
                    var index = 0;
                    foreach (var item in sequence)
                    {
                        if (item is not null && IsOurs(item.GetType())) Collect(item, $"{at}:{index}", failures, depth + 1);
                        index++;
                    }

                    break;
                default:
                    if (IsOurs(child.GetType())) Collect(child, at, failures, depth + 1);
                    break;
            }
        }
    }

    private static string KeyOf(string path, ValidationResult result) =>
        result.MemberNames.FirstOrDefault() is { Length: > 0 } member
            ? member.StartsWith("TDeveloper:", StringComparison.Ordinal) ? member : $"{path}:{member.Replace('.', ':')}"
            : path;

    private static bool IsOurs(Type type) => type is { IsClass: true, Namespace: { } ns } && ns.StartsWith("TDeveloper", StringComparison.Ordinal) && !IsLeaf(type);

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);
    }
}

/// <summary>Adds <see cref="KeyNamingOptionsValidator{T}"/> to an options builder.</summary>
public static class KeyNamingOptionsBuilderExtensions
{
    /// <summary>
    /// Validates the options' data annotations (nested objects, lists and dictionaries included) with failures that name
    /// the full configuration key under <paramref name="section"/>; use in place of <c>ValidateDataAnnotations()</c>.
    /// </summary>
    public static OptionsBuilder<T> ValidateDataAnnotationsNamingKeys<T>(this OptionsBuilder<T> builder, string section) where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<T>>(new KeyNamingOptionsValidator<T>(builder.Name, section));
        return builder;
    }
}
